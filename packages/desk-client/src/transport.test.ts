import { listen, type RunningServer } from '@ccc-kit/sandbox';
import { ioFetch, virtualClock } from '@ccc-kit/sandbox/clock';
import type { DeskEmulator } from '@ccc-kit/sandbox/desk';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createDeskClient } from './client.ts';
import {
  APP,
  caught,
  chat,
  clientFor,
  recordingFetch,
  SECRET,
  startDesk,
  T0,
} from './test-utils/desk-sandbox.ts';
import type { DeskClientOptions } from './types.ts';
import { genUserSig } from './user-sig.ts';

let desk: DeskEmulator;
let serverNow = T0 * 1000;
beforeAll(async () => {
  desk = await startDesk([chat('s1', { state: { CurrentState: 'Chatbot' } })], () => serverNow);
});
afterAll(() => desk.stop());
afterEach(() => {
  desk.faults.clear();
  serverNow = T0 * 1000;
});
const state = (client = clientFor(desk)) => client.getSessionState({ sessionId: 's1' });
const countSince = (before: number) => desk.requests().length - before;

/** The README's default policy; with `random` fixed at 0.5, retry n waits 0.75 × min(5000, 300 × 2^(n−1)). */
const DEFAULT_RETRY = { limit: 3, baseDelayMs: 300, maxDelayMs: 5_000 };
const FIRST_RETRY_MS = 225;
const SECOND_RETRY_MS = 450;

/** A client whose backoff runs on a virtual clock from 0 (jitter fixed at 0.5); `run` settles calls on it. */
function onVirtualTime(overrides: Partial<DeskClientOptions> = {}) {
  const clock = virtualClock();
  const departures: number[] = [];
  const client = clientFor(desk, {
    scheduler: clock.scheduler,
    fetch: ioFetch(clock, (input, init) => {
      departures.push(clock.fake.now);
      return globalThis.fetch(input, init);
    }),
    random: () => 0.5,
    retry: DEFAULT_RETRY,
    ...overrides,
  } as Partial<DeskClientOptions>);
  return { client, run: clock.run, sentAt: () => departures };
}

describe('retries (virtual clock: exact backoff)', () => {
  test.each([141002, 141009, 60007, 60008, 60011, 60018, 60019])(
    'Tencent %i is retried after exactly the computed backoff, then succeeds',
    async (code) => {
      desk.faults.inject('get_session_state', { kind: 'api-error', code }, 2);
      const warnings: Record<string, unknown>[] = [];
      const logger = {
        debug: () => {},
        warn: (_: string, fields: Record<string, unknown>) => warnings.push(fields),
      };
      const before = desk.requests().length;
      const { client, run, sentAt } = onVirtualTime({ logger });
      await expect(run(state(client))).resolves.toMatchObject({ CurrentState: 'Chatbot' });
      expect(countSince(before)).toBe(3);
      expect(sentAt()).toEqual([0, FIRST_RETRY_MS, FIRST_RETRY_MS + SECOND_RETRY_MS]);
      expect(warnings).toEqual([
        { command: 'get_session_state', code, retry: 1, delayMs: FIRST_RETRY_MS },
        { command: 'get_session_state', code, retry: 2, delayMs: SECOND_RETRY_MS },
      ]);
    },
  );

  test.each([500, 502, 503])('HTTP %i is retried', async (status) => {
    desk.faults.inject('get_session_state', { kind: 'status', status });
    const { client, run, sentAt } = onVirtualTime();
    await expect(run(state(client))).resolves.toMatchObject({ ErrorCode: 0 });
    expect(sentAt()).toEqual([0, FIRST_RETRY_MS]);
  });

  test('a connection reset and a timeout are retried', async () => {
    desk.faults.inject('get_session_state', { kind: 'reset' });
    // The per-attempt timeout runs on real timers (the virtual clock stands still while a request is out).
    // Wide margins: the retry must finish within timeoutMs even on a loaded CI machine.
    desk.faults.inject('get_session_state', { kind: 'latency', ms: 1500 });
    const before = desk.requests().length;
    const { client, run, sentAt } = onVirtualTime({ timeoutMs: 600 });
    await expect(run(state(client))).resolves.toMatchObject({ ErrorCode: 0 });
    expect(countSince(before)).toBe(3);
    expect(sentAt()).toEqual([0, FIRST_RETRY_MS, FIRST_RETRY_MS + SECOND_RETRY_MS]);
  });

  test('when retries run out, the last failure is thrown, marked retryable', async () => {
    desk.faults.inject('get_session_state', { kind: 'api-error', code: 141002 }, 5);
    const twice = onVirtualTime({ retry: { ...DEFAULT_RETRY, limit: 2 } });
    const error = await caught(() => twice.run(state(twice.client)));
    expect(error).toMatchObject({ code: 141002, retryable: true, command: 'get_session_state' });
    expect(twice.sentAt()).toEqual([0, FIRST_RETRY_MS, FIRST_RETRY_MS + SECOND_RETRY_MS]);
    desk.faults.clear();
    desk.faults.inject('get_session_state', { kind: 'latency', ms: 300 }, 2);
    const once = onVirtualTime({ retry: { ...DEFAULT_RETRY, limit: 1 }, timeoutMs: 50 });
    const timeout = await caught(() => once.run(state(once.client)));
    expect(timeout).toMatchObject({ code: 'desk_client_timeout', retryable: true });
    expect(once.sentAt()).toEqual([0, FIRST_RETRY_MS]);
    desk.faults.clear();
    desk.faults.inject('get_session_state', { kind: 'status', status: 502 }, 1);
    const never = onVirtualTime({ retry: 0 });
    expect(await caught(() => never.run(state(never.client)))).toMatchObject({
      code: 'desk_client_http_error',
      status: 502,
      retryable: true,
    });
    expect(never.sentAt()).toEqual([0]);
  });

  test.each([141004, 60010, 70009, 141000])('Tencent %i fails at once, with no retry', async (code) => {
    desk.faults.inject('get_session_state', { kind: 'api-error', code });
    const before = desk.requests().length;
    expect(await caught(() => state())).toMatchObject({ code, retryable: false });
    expect(countSince(before)).toBe(1);
  });
});

describe('retries (real time)', () => {
  test('smoke: on real timers and real HTTP, a rate-limited request (141009) is retried and succeeds', async () => {
    desk.faults.inject('get_session_state', { kind: 'api-error', code: 141009 });
    const before = desk.requests().length;
    await expect(state(clientFor(desk))).resolves.toMatchObject({ CurrentState: 'Chatbot' });
    expect(
      desk
        .requests()
        .slice(before)
        .map((r) => r.errorCode),
    ).toEqual([141009, 0]);
  });
});

describe('UserSig renewal', () => {
  test('70001 triggers one regeneration and a retry with the new UserSig', async () => {
    let clientNow = T0 * 1000;
    const { fetch, urls } = recordingFetch();
    const client = clientFor(desk, { fetch, now: () => (clientNow += 1000) });
    desk.faults.inject('get_session_state', { kind: 'api-error', code: 70001 });
    await expect(state(client)).resolves.toMatchObject({ ErrorCode: 0 });
    const [first, second] = urls.map((u) => u.searchParams.get('usersig'));
    expect(first).not.toBe(second);
  });

  test('a server clock far ahead (70001 twice) fails after exactly one renewal', async () => {
    serverNow = (T0 + 3 * 86400) * 1000;
    const before = desk.requests().length;
    const error = await caught(() => state());
    expect(error).toMatchObject({ code: 70001, retryable: false });
    expect(countSince(before)).toBe(2);
  });

  test('generated UserSigs are renewed before they expire, without a failed request', async () => {
    let clientNow = T0 * 1000;
    const { fetch, urls } = recordingFetch();
    const client = clientFor(desk, { fetch, now: () => clientNow, userSigExpireSeconds: 1000 });
    await state(client);
    clientNow += 899_000;
    await state(client);
    clientNow += 1000; // 900 s = 90% of the validity: renewed
    serverNow = clientNow;
    await state(client);
    const sigs = urls.map((u) => u.searchParams.get('usersig'));
    expect(sigs[0]).toBe(sigs[1]);
    expect(sigs[2]).not.toBe(sigs[1]);
  });

  test('a fixed userSig is used as is; on 70001 it cannot be renewed and the hint says so', async () => {
    const userSig = genUserSig({
      sdkAppId: APP,
      secretKey: SECRET,
      userId: 'administrator',
      expireSeconds: 60,
      now: () => T0 * 1000,
    });
    const client = clientFor(desk, { secretKey: undefined, userSig });
    await expect(state(client)).resolves.toMatchObject({ ErrorCode: 0 });
    serverNow = (T0 + 61) * 1000;
    const before = desk.requests().length;
    const error = await caught(() => state(client));
    expect(error).toMatchObject({ code: 70001 });
    expect(error.message).toContain('pass secretKey');
    expect(countSince(before)).toBe(1);
  });
});

describe('the UserSig clock', () => {
  test('with a scheduler and no `now`, UserSigs are issued on the scheduler’s clock', async () => {
    const onServerTime = clientFor(desk, { now: undefined, scheduler: virtualClock(T0 * 1000).scheduler });
    await expect(state(onServerTime)).resolves.toMatchObject({ ErrorCode: 0 });
    // Three days behind the server: the 1-day UserSig has expired there, and a renewal on that clock too.
    const behind = virtualClock((T0 - 3 * 86400) * 1000).scheduler;
    const before = desk.requests().length;
    const error = await caught(() => state(clientFor(desk, { now: undefined, scheduler: behind })));
    expect(error).toMatchObject({ code: 70001 });
    expect(countSince(before)).toBe(2);
  });

  test('an explicit `now` still times the UserSigs when a scheduler is given', async () => {
    const { scheduler } = virtualClock(0); // 1970: a UserSig issued then would have expired long ago
    await expect(state(clientFor(desk, { now: () => T0 * 1000, scheduler }))).resolves.toMatchObject({
      ErrorCode: 0,
    });
  });
});

describe('bad credentials', () => {
  test.each([
    [
      'a secret key of another app',
      { secretKey: 'wrong-secret' },
      70009,
      'the secret key does not belong to this SDKAppID',
    ],
    ['a non-admin account', { adminUserId: 'agent1' }, 60010, 'App administrator'],
    ['another SDKAppID', { sdkAppId: APP + 1 }, 60006, 'check sdkAppId'],
  ])("%s fails at once with Tencent's code and a hint", async (_name, change, code, hint) => {
    const logged: unknown[] = [];
    const logger = {
      debug: (...args: unknown[]) => logged.push(args),
      warn: (...args: unknown[]) => logged.push(args),
    };
    const error = await caught(() => state(clientFor(desk, { ...change, logger })));
    expect(error).toMatchObject({ name: 'DeskError', code, retryable: false });
    expect(error.hint).toContain(hint);
    for (const text of [error.message, JSON.stringify(error), String(error.stack), JSON.stringify(logged)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('wrong-secret');
      expect(text).not.toContain('usersig=');
    }
  });

  test('invalid options throw before any request, without echoing the key', () => {
    const base = { sdkAppId: APP, adminUserId: 'administrator', secretKey: SECRET };
    expect(() => createDeskClient({ ...base, sdkAppId: 0 })).toThrow('sdkAppId must be a positive integer');
    expect(() => createDeskClient({ ...base, secretKey: '' })).toThrow(
      'secretKey must be a non-empty string',
    );
    expect(() => createDeskClient({ ...base, userSig: 'x' } as never)).toThrow('exactly one of secretKey');
    expect(() => createDeskClient({ ...base, region: 'mars' as never })).toThrow('unknown region "mars"');
    expect(() => createDeskClient({ ...base, endpoint: 'ftp://x' })).toThrow('http or https');
    expect(() => createDeskClient({ ...base, scheduler: { now: Date.now } as never })).toThrow(
      'scheduler must have now, setTimeout and clearTimeout',
    );
  });
});

describe('invalid responses', () => {
  let raw: RunningServer;
  let reply = '';
  beforeAll(async () => {
    raw = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply);
    });
  });
  afterAll(() => raw.close());
  const rawClient = () =>
    createDeskClient({
      sdkAppId: APP,
      adminUserId: 'administrator',
      secretKey: SECRET,
      endpoint: raw.url,
      retry: 0,
    });

  test.each([
    ['not JSON', '<html>502 Bad Gateway</html>', 'not JSON'],
    ['no envelope', '{"hello":1}', 'not a Desk envelope'],
    ['FAIL with code 0', '{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":""}', 'with ErrorCode 0'],
    ['missing TotalCount', '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Messages":[]}', 'TotalCount'],
    // A wrongly typed message element no longer fails the page (it reads as an unsupported message, see
    // @ccc-kit/schemas); a wrongly typed message field still does.
    [
      'wrongly typed message timestamp',
      '{"ActionStatus":"OK","ErrorCode":0,"TotalCount":1,"Messages":[{"Timestamp":"1","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":5}}]}]}',
      'Messages.0.Timestamp',
    ],
  ])('%s → desk_client_invalid_response', async (_name, body, message) => {
    reply = body;
    const error = await caught(() => rawClient().getChatMessages({ sessionId: 'x' }));
    expect(error).toMatchObject({ code: 'desk_client_invalid_response', retryable: false });
    expect(error.message).toContain(message);
  });

  test("a FAIL envelope keeps Tencent's code and text; an empty ErrorInfo is tolerated", async () => {
    reply = '{"ActionStatus":"FAIL","ErrorCode":90001,"ErrorInfo":"Json parse failed"}';
    expect(await caught(() => rawClient().getChatMessages({ sessionId: 'x' }))).toMatchObject({
      code: 90001,
      info: 'Json parse failed',
      hint: undefined,
    });
  });

  test('the timeout also bounds a body that stops arriving after the headers', async () => {
    const stalled = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ActionStatus":"OK",');
    });
    const client = createDeskClient({
      sdkAppId: APP,
      adminUserId: 'a',
      secretKey: SECRET,
      endpoint: stalled.url,
      retry: 0,
      timeoutMs: 100,
    });
    const error = await caught(() => client.getSessionState({ sessionId: 's' }));
    await stalled.close();
    expect(error).toMatchObject({ code: 'desk_client_timeout', retryable: true });
  });

  test('network failure (nothing listening) is desk_client_network_error, retryable', async () => {
    const closed = await listen(() => {});
    await closed.close();
    const client = createDeskClient({
      sdkAppId: APP,
      adminUserId: 'a',
      secretKey: SECRET,
      endpoint: closed.url,
      retry: 0,
    });
    const error = await caught(() => client.getSessionState({ sessionId: 's' }));
    expect(error).toMatchObject({ code: 'desk_client_network_error', retryable: true });
    expect(error.message).not.toContain('usersig');
  });
});
