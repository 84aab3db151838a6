import { type CccEmulator, startCccEmulator } from '@ccc-kit/sandbox/ccc';
import { ioFetch, type VirtualClock } from '@ccc-kit/sandbox/clock';
import type { CallFixture, Dataset } from '@ccc-kit/sandbox/dataset';
import { AsrData, CdrPush, DescribeSessionDetailResponse, PstnSession, TelCdrInfo } from '@ccc-kit/schemas';
import * as v from 'valibot';
import { createCccClient } from '../client.ts';
import type { CccClient, CccClientBaseOptions, CccLogger } from '../types.ts';

// Test-only helpers: a CCC emulator from @ccc-kit/sandbox and clients pointed at it.

export const APP = 1400000000;
export const SECRET_ID = 'AKIDcccClientTest0001';
export const SECRET_KEY = 'ccc-client-test-secret-Gu5t9xGARNpq86cd98';
export const DAY = 86_400;

/** A schema-valid call started at `time` (Unix seconds). */
export function makeCall(sessionId: string, time: number): CallFixture {
  const common = {
    Caller: '008613800000000',
    Callee: '008640012345',
    RingTimestamp: time + 2,
    EndedTimestamp: time + 60,
  };
  return {
    sessionId,
    telCdr: v.parse(TelCdrInfo, {
      ...common,
      SessionId: sessionId,
      Time: time,
      StartTimestamp: time,
      EndStatus: 1,
    }),
    detail: v.parse(v.omit(DescribeSessionDetailResponse, ['RequestId']), {
      ...common,
      StartTimeStamp: time,
    }),
    asr: [
      v.parse(AsrData, {
        User: 'agent@example.com',
        Message: 'Hello',
        Start: time * 1000,
        End: time * 1000 + 900,
      }),
    ],
    telSession: v.parse(PstnSession, {
      ...common,
      SessionID: sessionId,
      StartTimestamp: time,
      SessionStatus: 'finished',
    }),
    push: v.parse(CdrPush, { ...common, SessionId: sessionId }),
    records: [],
    voicemail: null,
  };
}

/** `count` calls a minute apart, ending an hour ago; session ids `c-000`, `c-001`, … */
export function makeDataset(count: number, nowSeconds: number = Math.floor(Date.now() / 1000)): Dataset {
  const first = nowSeconds - 3600 - count * 60;
  const calls = Array.from({ length: count }, (_, i) =>
    makeCall(`c-${String(i).padStart(3, '0')}`, first + i * 60),
  );
  return { seed: 1, sdkAppId: APP, calls, chats: [] };
}

/**
 * Starts an emulator accepting `SECRET_ID`/`SECRET_KEY`, plus any extra credentials, on the real clock unless
 * `now` is given (e.g. a test's virtual clock: signatures, rate limit and arrival times then follow it).
 */
export function startCcc(
  dataset: Dataset | (() => Dataset),
  extra: {
    ratePerAction?: number;
    credentials?: { secretId: string; secretKey: string; token?: string }[];
    now?: () => number;
  } = {},
): Promise<CccEmulator> {
  return startCccEmulator({
    dataset,
    sdkAppId: APP,
    credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }, ...(extra.credentials ?? [])],
    ...(extra.ratePerAction === undefined ? {} : { ratePerAction: extra.ratePerAction }),
    ...(extra.now === undefined ? {} : { now: extra.now }),
  });
}

/** Everything a client logged, for assertions. */
export interface LogCapture extends CccLogger {
  readonly lines: { level: string; message: string; fields: Readonly<Record<string, unknown>> }[];
}

export function captureLogs(): LogCapture {
  const lines: LogCapture['lines'] = [];
  return {
    lines,
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
  };
}

/** A client for `ccc` with fast retries (5 ms base) unless overridden. */
export function clientFor(ccc: CccEmulator, options: Partial<CccClientBaseOptions> = {}): CccClient {
  return clientAt(ccc.url, { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, ...options });
}

/** A client with the test credentials pointed at `url` (a bare local server), default retries. */
export function clientAt(url: string, options: Partial<CccClientBaseOptions> = {}): CccClient {
  return createCccClient({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    sdkAppId: APP,
    endpoint: url,
    ...options,
  });
}

/** Outcomes of the emulator's request log, oldest first. */
export const outcomes = (ccc: CccEmulator): string[] => ccc.requests().map((r) => r.outcome);

/** A request as it left the client. */
export interface Departure {
  /** Virtual time when fetch was called: the moment the rate limiter commits the slot. */
  readonly at: number;
  /** `X-TC-Action`. */
  readonly action: string;
}

/** A real fetch on `clock` (each request is io, its answer read in full) that notes every departure. */
export function trackDepartures(clock: VirtualClock): {
  readonly fetch: typeof globalThis.fetch;
  readonly departures: Departure[];
} {
  const departures: Departure[] = [];
  const fetch = ioFetch(clock, (input, init) => {
    const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
    departures.push({ at: clock.fake.now, action: headers.get('x-tc-action') ?? '' });
    return globalThis.fetch(input, init);
  });
  return { fetch, departures };
}
