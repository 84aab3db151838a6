import type { CccEmulator, Fault } from '@ccc-kit/sandbox/ccc';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { APP, clientFor, DAY, outcomes, startCcc } from './test-utils/ccc-sandbox.ts';

const now = Math.floor(Date.now() / 1000);
const dataset = generateDataset({ seed: 4, calls: 0, chats: 0, start: now - 2 * DAY, sdkAppId: APP });
const AGENT = 'zhang.min@example.com';
const CALLEE = '008613912345678';
const args = { userId: AGENT, callee: CALLEE, uui: 'slack:C0123ABCD/1712345678.000100' };
let ccc: CccEmulator;
beforeAll(async () => {
  ccc = await startCcc(dataset, { ratePerAction: 1000 });
});
afterAll(() => ccc.stop());
beforeEach(() => {
  ccc.reset();
  ccc.faults.clear();
});

/** A fetch that notes every request body it sends. */
function recordingFetch(bodies: unknown[]): typeof fetch {
  return async (input, init) => {
    const text = input instanceof Request ? await input.clone().text() : String(init?.body);
    bodies.push(JSON.parse(text));
    return globalThis.fetch(input, init);
  };
}

describe('createCallOutSession', () => {
  test("places the call: Tencent's new SessionId, the call in the records", async () => {
    const bodies: unknown[] = [];
    const client = clientFor(ccc, { fetch: recordingFetch(bodies) });
    const outbound = dataset.lines.outbound;
    const answer = await client.createCallOutSession({ ...args, callers: [outbound] });
    expect(answer).toEqual({
      SessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      RequestId: expect.any(String),
    });
    // Always IsForceUseMobile: true (the only value Tencent supports), the data in UUI (not the deprecated Uui).
    expect(bodies).toEqual([
      {
        SdkAppId: APP,
        UserId: AGENT,
        Callee: CALLEE,
        Callers: [outbound],
        IsForceUseMobile: true,
        UUI: args.uui,
      },
    ]);
    expect(ccc.callOuts()).toMatchObject([
      { sessionId: answer.SessionId, userId: AGENT, callee: CALLEE, uui: args.uui },
    ]);
    const at = Math.floor(Date.now() / 1000);
    const page = await client.describeTelCdr({
      startTimestamp: at - 600,
      endTimestamp: at + 600,
      sessionIds: [answer.SessionId],
    });
    expect(page.TelCdrList).toMatchObject([{ Callee: CALLEE, UUI: args.uui, SeatUser: { Mail: AGENT } }]);
  });

  test.each([
    ['a callee without 0086', { callee: '13912345678' }, /callee must be 0086 followed by digits/],
    ['a callee in +86 form', { callee: '+8613912345678' }, /normalise \+86/],
    ['a callee with spaces', { callee: '0086 139 1234 5678' }, /callee must be 0086/],
    ['an empty callee', { callee: '' }, /callee must be 0086/],
    ['a caller without 0086', { callers: ['075520000000'] }, /callers\[0\] must be 0086/],
    ['an empty userId', { userId: '' }, /userId must be the agent's CCC account/],
    ['a blank userId', { userId: '  ' }, /userId must be/],
    [
      'a uui of 1025 bytes',
      { uui: `${'é'.repeat(512)}x` },
      /uui must be at most 1024 bytes of UTF-8 \(got 1025\)/,
    ],
  ])('refuses %s before any request, saying what to do', async (_name, over, message) => {
    const error = clientFor(ccc).createCallOutSession({ ...args, ...over });
    await expect(error).rejects.toMatchObject({
      code: 'ccc_client_invalid_argument',
      action: 'CreateCallOutSession',
      message: expect.stringMatching(message),
    });
    expect(ccc.requests()).toEqual([]);
  });

  test('never repeats the number in a message (personal data)', async () => {
    await expect(clientFor(ccc).createCallOutSession({ ...args, callee: '13912345678' })).rejects.toSatisfy(
      (error: Error) => !error.message.includes('13912345678'),
    );
  });

  test('a uui of exactly 1024 bytes is sent', async () => {
    await expect(
      clientFor(ccc).createCallOutSession({ ...args, uui: 'é'.repeat(512) }),
    ).resolves.toMatchObject({
      SessionId: expect.any(String),
    });
  });

  test.each([
    ['an unknown agent', { userId: 'nobody@example.com' }, 'InvalidParameterValue.AccountNotExist'],
    ["the agent's own mobile", { callee: dataset.agents[1]?.phone ?? '' }, 'FailedOperation.SeatStatusBusy'],
  ])("Tencent's refusal of %s arrives as CccError %s, not retried", async (_name, over, code) => {
    await expect(clientFor(ccc).createCallOutSession({ ...args, ...over })).rejects.toMatchObject({
      name: 'CccError',
      code,
      requestId: expect.any(String),
      attempts: 1,
    });
    expect(outcomes(ccc)).toEqual([code]);
  });
});

describe('createCallOutSession is never retried once the request may have reached Tencent', () => {
  test.each<[string, Fault, string, string]>([
    ['a connection reset', { kind: 'reset' }, 'ccc_client_network_error', 'reset'],
    ['HTTP 502', { kind: 'status', status: 502 }, 'ccc_client_http_error', 'http_502'],
    ['InternalError', { kind: 'api-error', code: 'InternalError' }, 'InternalError', 'InternalError'],
    [
      'NotInWhiteList',
      { kind: 'api-error', code: 'OperationDenied.NotInWhiteList' },
      'OperationDenied.NotInWhiteList',
      'OperationDenied.NotInWhiteList',
    ],
  ])('%s: one request, thrown as it is', async (_name, fault, code, outcome) => {
    ccc.faults.inject('CreateCallOutSession', fault, 3);
    await expect(clientFor(ccc).createCallOutSession(args)).rejects.toMatchObject({
      code,
      attempts: 1,
      retryable: false,
    });
    expect(outcomes(ccc)).toEqual([outcome]);
  });

  test("an answer lost after the call was placed: the customer's phone rings once", async () => {
    ccc.faults.inject('CreateCallOutSession', { kind: 'accepted-lost', mode: 'reset' }, 1);
    await expect(clientFor(ccc).createCallOutSession(args)).rejects.toMatchObject({
      code: 'ccc_client_network_error',
      attempts: 1,
    });
    expect(ccc.requests()).toHaveLength(1);
    expect(ccc.callOuts()).toHaveLength(1);
  });

  test('RequestLimitExceeded (refused before processing) is retried, and places one call', async () => {
    ccc.faults.inject('CreateCallOutSession', { kind: 'api-error', code: 'RequestLimitExceeded' }, 1);
    const answer = await clientFor(ccc).createCallOutSession(args);
    expect(outcomes(ccc)).toEqual(['RequestLimitExceeded', 'ok']);
    expect(ccc.callOuts().map((c) => c.sessionId)).toEqual([answer.SessionId]);
  });

  test('the same reset is retried for an idempotent action (the control)', async () => {
    ccc.faults.inject('DescribeStaffInfoList', { kind: 'reset' }, 1);
    await expect(clientFor(ccc).describeStaffInfoList()).resolves.toMatchObject({ TotalCount: 6 });
    expect(outcomes(ccc)).toEqual(['reset', 'ok']);
  });
});
