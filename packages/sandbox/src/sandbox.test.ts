import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSignedCaller } from './ccc/test-utils/signed-fetch.ts';
import { listen, readBody, sendJson } from './http.ts';
import { type Sandbox, startSandbox } from './sandbox.ts';

interface Received {
  readonly at: number;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

const CALLEE = '008613912345678';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A push receiver on 127.0.0.1 that accepts everything, noting what arrived when. */
async function receiver(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = await listen(async (req, res) => {
    const body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
    received.push({ at: Date.now(), url: new URL(req.url ?? '/', 'http://x'), headers: req.headers, body });
    sendJson(res, 200, { ErrCode: 0, ErrMsg: '' });
  });
  closers.push(() => server.close());
  return { url: `${server.url}/push`, received };
}

/** A running sandbox, a CreateCallOutSession for its first agent, and `stop` (else stopped after the test). */
interface CallOutSandbox {
  readonly sandbox: Sandbox;
  callOut(): Promise<string>;
  stop(): Promise<void>;
}

async function sandboxWithCallOut(callOutPushDelayMs: number): Promise<CallOutSandbox> {
  const sandbox = await startSandbox({ seed: 3, calls: 2, chats: 0, callOutPushDelayMs });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= sandbox.stop();
    return stopped;
  };
  closers.push(stop);
  const call = createSignedCaller(sandbox.cccUrl, sandbox.credentials.ccc);
  const callOut = async () => {
    const { response } = await call('CreateCallOutSession', {
      SdkAppId: sandbox.credentials.ccc.sdkAppId,
      UserId: sandbox.dataset.agents[0]?.mail,
      Callee: CALLEE,
      IsForceUseMobile: true,
      UUI: 'order=42',
    });
    return response.SessionId as string;
  };
  return { sandbox, callOut, stop };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startSandbox: call-out CDR pushes', () => {
  test('an attached push target receives the CDR of a placed call, after the simulated talk', async () => {
    const target = await receiver();
    const { sandbox, callOut } = await sandboxWithCallOut(50);
    sandbox.attachPushTarget({ url: target.url, auth: { basic: { user: 'u', password: 'p' } } });
    const before = Date.now();
    const sessionId = await callOut();
    await vi.waitFor(() => expect(target.received).toHaveLength(1), { timeout: 5_000 });
    const [push] = target.received;
    expect((push?.at ?? 0) - before).toBeGreaterThanOrEqual(45);
    expect(push?.url.searchParams.get('action')).toBe('cdr');
    expect(push?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(push?.body).toMatchObject({
      SessionId: sessionId,
      Direction: 1,
      Callee: CALLEE,
      EndStatusString: 'ok',
      Uui: 'order=42',
      SeatUser: { Mail: sandbox.dataset.agents[0]?.mail },
    });
    expect(sandbox.ccc.callOuts().map((c) => c.sessionId)).toEqual([sessionId]);
  });

  test('nothing is pushed without a target, after detachPushTarget, or once stopped', async () => {
    const target = await receiver();
    // A delay long enough for each step to act before its push is due, even on a busy machine.
    const { sandbox, callOut, stop } = await sandboxWithCallOut(400);
    await callOut(); // no target yet
    sandbox.attachPushTarget({ url: target.url });
    sandbox.detachPushTarget();
    await callOut(); // detached before the call
    await settle(600);
    sandbox.attachPushTarget({ url: target.url });
    await callOut();
    sandbox.detachPushTarget(); // detached while its push is pending: dropped
    await settle(600);
    sandbox.attachPushTarget({ url: target.url });
    await callOut();
    await stop(); // stopped while its push is pending: cancelled
    await settle(600);
    expect(target.received).toEqual([]);
    expect(sandbox.ccc.callOuts()).toHaveLength(4);
  });
});
