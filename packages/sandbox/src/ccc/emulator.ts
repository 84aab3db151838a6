import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallFixture, Dataset } from '../dataset/types.ts';
import { isSandboxError, SandboxError, SandboxErrorCode } from '../errors.ts';
import { applyTransportFault, createFaults, deliverAnswer, type Fault, type Faults } from '../faults.ts';
import { listen, readBody, sendJson } from '../http.ts';
import { cccActions } from './actions.ts';
import { type ActionResult, fail, failWithDefault } from './api-error.ts';
import { type CccCallOut, createCallOverlay } from './call-overlay.ts';
import { createActionRateLimiter } from './rate-limit.ts';
import { type CccCounters, type CccRequestRecord, createRequestLog } from './request-log.ts';
import { checkRequestShape, firstHeader, notFound, queryOf } from './request-shape.ts';
import { type CccCredential, verifyTc3 } from './tc3-verify.ts';

/** Options of {@link startCccEmulator}. */
export interface CccEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** The calls and chats to serve, or a function read on every request (to swap data during a test). */
  readonly dataset: Dataset | (() => Dataset);
  /** Accepted key pairs; a `token` makes `X-TC-Token` mandatory for that SecretId. */
  readonly credentials: readonly CccCredential[];
  /** The application id every request's `SdkAppId` must match. */
  readonly sdkAppId: number;
  /** Clock in milliseconds (default `Date.now`): signature expiry, windows, rate limit and log times. */
  readonly now?: () => number;
  /** Requests per second per action before `RequestLimitExceeded` (default 20, as documented). */
  readonly ratePerAction?: number;
  /** Seconds each call placed by CreateCallOutSession talks once the customer answers (default 45). */
  readonly callOutTalkSeconds?: number;
  /**
   * Called right after CreateCallOutSession placed a call (before the answer is sent), e.g. to push its CDR
   * later as `startSandbox` does. Must not throw.
   */
  readonly onCallOut?: (call: CallFixture) => void;
}

/** A running CCC emulator. */
export interface CccEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121` (requests go to `POST /`). */
  readonly url: string;
  /** Faults per action (`DescribeTelCdr`, or `*`); `api-error` answers in the Tencent envelope. */
  readonly faults: Faults;
  /** Every request received so far, oldest first. */
  requests(): readonly CccRequestRecord[];
  /** Totals per outcome and per action. */
  counters(): CccCounters;
  /**
   * Every call placed by CreateCallOutSession since the last `reset()`, oldest first. Each is also a call of
   * the dataset for DescribeTelCdr, DescribeSessionDetail and DescribeTelSession.
   */
  callOuts(): readonly CccCallOut[];
  /** Empties the request log and the rate-limit windows, and forgets the placed calls. */
  reset(): void;
  stop(): Promise<void>;
}

/**
 * Starts a local emulator of CCC API 3.0 (`POST /`, TC3-signed) serving DescribeIMCdrList,
 * DescribeSessionDetail, DescribeStaffInfoList, DescribeTelCdr, DescribeTelRecordAsr and DescribeTelSession
 * from a dataset, the real-time DescribeCallInMetrics and DescribeStaffStatusMetrics as a snapshot of it at
 * `now`, and CreateCallOutSession, whose calls join the dataset's until `reset()`.
 *
 * @example
 * const ccc = await startCccEmulator({ dataset, sdkAppId: 1400000000,
 *   credentials: [{ secretId: 'AKIDtest', secretKey: 'test-secret' }] });
 * ccc.faults.inject('DescribeTelCdr', { kind: 'api-error', code: 'RequestLimitExceeded' });
 * // ... point a client at ccc.url ...
 * await ccc.stop();
 */
export async function startCccEmulator(options: CccEmulatorOptions): Promise<CccEmulator> {
  const { credentials, sdkAppId, now = Date.now, ratePerAction = 20, callOutTalkSeconds = 45 } = options;
  if (credentials.length === 0) throw invalid('credentials must list at least one key pair');
  if (!Number.isSafeInteger(sdkAppId)) throw invalid('sdkAppId must be an integer');
  if (!Number.isSafeInteger(ratePerAction) || ratePerAction < 1)
    throw invalid('ratePerAction must be a positive integer');
  if (!Number.isSafeInteger(callOutTalkSeconds) || callOutTalkSeconds < 0)
    throw invalid('callOutTalkSeconds must be a non-negative integer');
  const bySecretId = new Map(credentials.map((c) => [c.secretId, c]));
  const faults = createFaults();
  const limiter = createActionRateLimiter(ratePerAction);
  const log = createRequestLog();
  const overlay = createCallOverlay();
  const dataset = () =>
    overlay.over(typeof options.dataset === 'function' ? options.dataset() : options.dataset);
  const placeCall = (call: CallFixture, callOut: Omit<CccCallOut, 'at'>, time: number): void => {
    overlay.add(call, { ...callOut, at: time });
    options.onCallOut?.(call);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const time = now();
    const action = firstHeader(req, 'x-tc-action') ?? '';
    const record = (outcome: string, status: number, requestId?: string, secretId?: string): void =>
      log.add({ action, time, outcome, status, requestId, secretId });
    // The body is read before any fault applies, so a client that gives up during injected latency is
    // still logged with what the emulator did.
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!isSandboxError(error) || error.code !== SandboxErrorCode.BodyTooLarge) return record('aborted', 0);
    }
    const fault: Fault | undefined = action ? faults.take(action) : undefined;
    if (await applyTransportFault(fault, res)) {
      record(
        fault?.kind === 'status' ? `http_${fault.status}` : 'reset',
        fault?.kind === 'status' ? fault.status : 0,
      );
      return;
    }
    const requestId = randomUUID();
    const { result, secretId } = evaluate(req, action, body, fault, time);
    const response = result.ok
      ? { ...result.body, RequestId: requestId }
      : { Error: { Code: result.code, Message: result.message }, RequestId: requestId };
    // An accepted-lost fault lets the action run, then loses the answer: logged with status 0.
    const delivery = await deliverAnswer(fault, res, () => sendJson(res, 200, { Response: response }));
    record(result.ok ? 'ok' : result.code, delivery === 'sent' ? 200 : 0, requestId, secretId);
  };

  const evaluate = (
    req: IncomingMessage,
    action: string,
    body: Buffer | undefined,
    fault: Fault | undefined,
    time: number,
  ): { readonly result: ActionResult; readonly secretId?: string } => {
    if (body === undefined)
      return { result: fail('RequestSizeLimitExceeded', 'The request body exceeds the size limit.') };
    const nowSeconds = Math.floor(time / 1000);
    const verified = verifyTc3(
      { method: req.method ?? '', query: queryOf(req), headers: req.headers, body },
      (id) => bySecretId.get(id),
      nowSeconds,
    );
    if (!verified.ok) return { result: verified };
    return { result: answer(req, action, body, fault, time, nowSeconds), secretId: verified.secretId };
  };

  const answer = (
    req: IncomingMessage,
    action: string,
    body: Buffer,
    fault: Fault | undefined,
    time: number,
    nowSeconds: number,
  ): ActionResult => {
    const refused = checkRequestShape(req, action);
    if (refused) return refused;
    const handler = cccActions[action];
    if (!handler) return fail('InvalidAction', `The action \`${action}\` does not exist.`);
    if (fault?.kind === 'api-error') return failWithDefault(String(fault.code), fault.message);
    if (!limiter.admit(action, time)) return failWithDefault('RequestLimitExceeded');
    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return fail('InvalidParameter', 'The request body is not valid JSON.');
    }
    return handler(params, {
      dataset: dataset(),
      sdkAppId,
      nowSeconds,
      callOutTalkSeconds,
      placeCall: (call, callOut) => placeCall(call, callOut, time),
    });
  };

  const server = await listen(
    (req, res) => (new URL(req.url ?? '/', 'http://x').pathname === '/' ? handle(req, res) : notFound(res)),
    options.port,
  );
  return {
    url: server.url,
    faults,
    requests: () => log.all(),
    counters: () => log.counters(),
    callOuts: () => overlay.callOuts(),
    reset() {
      log.clear();
      limiter.reset();
      overlay.clear();
    },
    stop: () => server.close(),
  };
}

const invalid = (message: string): SandboxError => new SandboxError(SandboxErrorCode.InvalidOptions, message);
