import type {
  CreateCallOutSessionResponse,
  DescribeCallInMetricsResponse,
  DescribeIMCdrListResponse,
  DescribeSessionDetailResponse,
  DescribeStaffInfoListResponse,
  DescribeStaffStatusMetricsResponse,
  DescribeTelCdrResponse,
  DescribeTelRecordAsrResponse,
  DescribeTelSessionResponse,
  IMCdrInfo,
  StaffStatus,
  TelCdrInfo,
} from '@ccc-kit/schemas';
import type { Scheduler } from '@ccc-kit/timers';

/** A Tencent Cloud API key pair; `token` for temporary (STS) credentials. */
export interface CccCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string | undefined;
}

/** Returns the credentials to sign the next attempt with (called per attempt, so rotating STS tokens work). */
export type CccCredentialsProvider = () => CccCredentials | Promise<CccCredentials>;

/** Structured log sink; fields never contain credentials. */
export interface CccLogger {
  debug(message: string, fields: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Retry policy (see the README for what is retried). */
export interface CccRetryOptions {
  /** Attempts per call, including the first (default 3; 1 disables retries). */
  readonly maxAttempts?: number;
  /** Backoff base: attempt n waits up to `baseDelayMs * 2^(n-1)` (default 300). */
  readonly baseDelayMs?: number;
  /** Backoff cap (default 5000). */
  readonly maxDelayMs?: number;
}

/** Client-side rate limit, per action, shared by every call of one client. */
export interface CccRateLimitOptions {
  /** Requests per second per action (default 16, under Tencent's documented 20). */
  readonly perSecond?: number;
}

/** Options shared by every way of passing credentials. */
export interface CccClientBaseOptions {
  /** The CCC application id, sent as `SdkAppId` by the typed methods. */
  readonly sdkAppId: number;
  /** API origin (default `https://ccc.intl.tencentcloudapi.com`); requests go to `POST <endpoint>/`. */
  readonly endpoint?: string;
  /** `X-TC-Region` (not required by the CCC Describe* actions). */
  readonly region?: string;
  /** `X-TC-Language`. */
  readonly language?: 'zh-CN' | 'en-US';
  /** Per-attempt timeout (default 10000 ms). */
  readonly timeoutMs?: number;
  /** Retry policy, or `false` for a single attempt. */
  readonly retry?: CccRetryOptions | false;
  /** Rate limit, or `false` to disable it. */
  readonly rateLimit?: CccRateLimitOptions | false;
  /** `fetch` implementation (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /**
   * Clock in ms for signing timestamps and window checks (default: `scheduler.now` when a `scheduler` is
   * given, else `Date.now`).
   */
  readonly now?: () => number;
  /**
   * Clock and timers of the rate limiter and the retry backoff (default: the real ones); pass a virtual
   * clock in tests. Without `now`, it also times the signatures, so one clock drives everything.
   */
  readonly scheduler?: Scheduler;
  /** Random source in [0, 1) for backoff jitter (default `Math.random`). */
  readonly random?: () => number;
  readonly logger?: CccLogger;
}

/** Options of `createCccClient`: static keys, or a `credentials` provider. */
export type CccClientOptions = CccClientBaseOptions &
  (
    | { readonly secretId: string; readonly secretKey: string; readonly token?: string }
    | { readonly credentials: CccCredentialsProvider }
  );

/** A point in time: a `Date` or Unix seconds. */
export type CccTime = Date | number;

/** Arguments of `describeSessionDetail`. */
export interface DescribeSessionDetailArgs {
  readonly sessionId: string;
  readonly startTimestamp: CccTime;
  readonly endTimestamp: CccTime;
}

/** Arguments of `describeTelCdr`. */
export interface DescribeTelCdrArgs {
  readonly startTimestamp: CccTime;
  readonly endTimestamp: CccTime;
  readonly phones?: readonly string[];
  readonly sessionIds?: readonly string[];
  /** 1–100 (default 100). */
  readonly pageSize?: number;
  /** From 0 (default 0). */
  readonly pageNumber?: number;
}

/** Arguments of `describeIMCdrList`. */
export interface DescribeIMCdrListArgs {
  readonly startTimestamp: CccTime;
  readonly endTimestamp: CccTime;
  /** 1 omni-channel, 2 text customer service; omitted = both. */
  readonly type?: 1 | 2;
  /** 1–100 (default 100). */
  readonly limit?: number;
  /** Records to skip, from 0 (default 0). */
  readonly offset?: number;
}

/** Arguments of `createCallOutSession`. */
export interface CreateCallOutSessionArgs {
  /** The calling agent's CCC account (an email); the agent needs a bound, allow-listed mobile number. */
  readonly userId: string;
  /** The customer's number: `0086` followed by digits, e.g. `008613012345678`. */
  readonly callee: string;
  /** Caller numbers Tencent tries in order (`0086…`); omitted = the application's outbound numbers. */
  readonly callers?: readonly string[];
  /** Custom data carried to the call's CDR (`UUI`), at most 1024 bytes of UTF-8. */
  readonly uui?: string;
}

/** Arguments of `describeStaffInfoList` (all optional: the first 100 agents by default). */
export interface DescribeStaffInfoListArgs {
  /** One agent's account (email). */
  readonly staffMail?: string;
  /** 1–9999 (default 100). */
  readonly pageSize?: number;
  /** From 0 (default 0). */
  readonly pageNumber?: number;
  /** Only the agents of this skill group. */
  readonly skillGroupId?: number;
  /** Only agents modified at or after this time, Unix seconds (incremental sync). */
  readonly modifiedTime?: number;
}

/** Arguments of `describeCallInMetrics` (all optional: every skill group, no line dimension). */
export interface DescribeCallInMetricsArgs {
  /** Only these skill groups (non-empty; omit for every group). */
  readonly groupIds?: readonly number[];
  /** Also answer each line's counters (`NumberMetrics`); default false, as Tencent's. */
  readonly enabledNumber?: boolean;
}

/** Arguments of `describeStaffStatusMetrics` (all optional: every agent). */
export interface DescribeStaffStatusMetricsArgs {
  /** Only these agents, by account (email); non-empty when given. */
  readonly emails?: readonly string[];
  /** Only the agents of these skill groups; non-empty when given. */
  readonly groupIds?: readonly number[];
  /** Only agents in these statuses; non-empty when given. A status Tencent adds later may be passed too. */
  readonly statuses?: readonly (StaffStatus | (string & {}))[];
}

/** Arguments of the single-session actions. */
export interface SessionArgs {
  readonly sessionId: string;
}

/** Per-call options of the generic `call`. */
export interface CccCallOptions {
  /**
   * Whether the action can safely run twice. Default: true for `Describe*` actions. When false, only
   * `RequestLimitExceeded*` (rejected before processing) and `SignatureExpire` are retried.
   */
  readonly idempotent?: boolean;
}

/** The CCC API client. Every method returns the `Response` body without the envelope (with `RequestId`). */
export interface CccClient {
  describeSessionDetail(args: DescribeSessionDetailArgs): Promise<DescribeSessionDetailResponse>;
  describeTelCdr(args: DescribeTelCdrArgs): Promise<DescribeTelCdrResponse>;
  /** Every page of a DescribeTelCdr query, fetched lazily from `pageNumber` 0. */
  iterateTelCdrPages(args: Omit<DescribeTelCdrArgs, 'pageNumber'>): AsyncIterable<DescribeTelCdrResponse>;
  /** Every record of a DescribeTelCdr query across all pages, fetched lazily. */
  iterateTelCdrs(args: Omit<DescribeTelCdrArgs, 'pageNumber'>): AsyncIterable<TelCdrInfo>;
  /** One page of IM (chat) service records, the sessions the `imcdr` push reports (DescribeIMCdrList). */
  describeIMCdrList(args: DescribeIMCdrListArgs): Promise<DescribeIMCdrListResponse>;
  /** Every page of a DescribeIMCdrList query, fetched lazily from `offset` 0. */
  iterateIMCdrPages(args: Omit<DescribeIMCdrListArgs, 'offset'>): AsyncIterable<DescribeIMCdrListResponse>;
  /** Every record of a DescribeIMCdrList query across all pages, fetched lazily. */
  iterateIMCdrs(args: Omit<DescribeIMCdrListArgs, 'offset'>): AsyncIterable<IMCdrInfo>;
  describeTelRecordAsr(args: SessionArgs): Promise<DescribeTelRecordAsrResponse>;
  /**
   * Places an agent's outbound dual call (CreateCallOutSession: the agent's mobile rings, then the customer)
   * and answers its new `SessionId`; the outcome comes later with that session's CDR. Checked first
   * (`ccc_client_invalid_argument`): `0086` numbers, a non-empty `userId`, `uui` ≤ 1024 bytes. Never retried
   * once the request may have reached Tencent (it would ring the customer twice); only `RequestLimitExceeded*`
   * is. Refusals keep Tencent's code (`FailedOperation.SeatStatusBusy`, `OperationDenied.NotInWhiteList`, …).
   *
   * @example
   * const { SessionId } = await ccc.createCallOutSession({
   *   userId: 'li.wei@example.com',
   *   callee: '008613012345678',
   *   uui: 'slack:C0123ABCD/1712345678.000100',
   * });
   */
  createCallOutSession(args: CreateCallOutSessionArgs): Promise<CreateCallOutSessionResponse>;
  /**
   * One page of the agent directory (DescribeStaffInfoList): name, mail, phone, roles and skill groups of
   * each agent; `pageSize` 1–9999 (default 100), `pageNumber` from 0. Read tolerantly: one odd agent drops
   * its odd field (a warning to `logger`), never the page.
   *
   * @example
   * const { StaffList } = await ccc.describeStaffInfoList({ staffMail: 'li.wei@example.com' });
   * const roles = StaffList[0]?.RoleList;
   */
  describeStaffInfoList(args?: DescribeStaffInfoListArgs): Promise<DescribeStaffInfoListResponse>;
  /**
   * The live inbound queue (DescribeCallInMetrics, `EnabledSkillGroup: true`): calls in the IVR, queued,
   * ringing and connected now, in total (`TotalMetrics`) and per skill group (`SkillGroupMetrics`; per line
   * too with `enabledNumber`), with the longest and average wait, ring and talk so far. `AcceptCount` is the
   * calls connected now (Tencent's `接通中数量`), not the calls answered today. Every counter is optional
   * (Tencent's own sample omits a group's `Metrics`); read tolerantly like DescribeTelCdr.
   *
   * @example
   * const { SkillGroupMetrics } = await ccc.describeCallInMetrics();
   * for (const group of SkillGroupMetrics) console.log(group.Name, group.Metrics?.QueueCount ?? 0);
   */
  describeCallInMetrics(args?: DescribeCallInMetricsArgs): Promise<DescribeCallInMetricsResponse>;
  /**
   * Every agent's live status (DescribeStaffStatusMetrics; the list is `Metrics`): `Status` (`free`,
   * `busy`, `rest`, `notReady`, `afterCallWork`, `offline`, or a status Tencent adds later), today's time in
   * each status, and when it last changed; filtered by `emails`, `groupIds` and `statuses`. Read tolerantly:
   * one odd agent drops its odd field (a warning to `logger`), never the list.
   *
   * @example
   * const { Metrics } = await ccc.describeStaffStatusMetrics({ groupIds: [2501], statuses: ['free'] });
   * const free = Metrics.map((agent) => agent.Email);
   */
  describeStaffStatusMetrics(
    args?: DescribeStaffStatusMetricsArgs,
  ): Promise<DescribeStaffStatusMetricsResponse>;
  describeTelSession(args: SessionArgs): Promise<DescribeTelSessionResponse>;
  /** Any other action, signed, rate-limited and retried the same way; the result is only envelope-checked. */
  call(
    action: string,
    params: Readonly<Record<string, unknown>>,
    options?: CccCallOptions,
  ): Promise<Readonly<Record<string, unknown>>>;
}

/** Where the client reads the time and sets its timers: `@ccc-kit/timers`' interface, re-exported. */
export type { Scheduler };
