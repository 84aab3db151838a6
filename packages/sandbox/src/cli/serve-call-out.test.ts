import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSignedCaller } from '../ccc/test-utils/signed-fetch.ts';
import { listen, readBody, sendJson } from '../http.ts';
import { SANDBOX_CREDENTIALS } from '../sandbox.ts';
import { SANDBOX_PUSH_CREDENTIALS } from './settings.ts';
import { closedPort, type RunningServe, startServe } from './test-utils/cli.ts';

// `serve` as an operator runs it: a call an app places through CreateCallOutSession has its CDR pushed.

const FREE_PORTS = ['--ccc-port', '0', '--desk-port', '0', '--slack-port', '0'];
const running: RunningServe[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((serve) => serve.stop()));
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Places a call for the first default agent on `serve`'s CCC emulator; resolves with its SessionId. */
async function callOut(serve: RunningServe): Promise<string> {
  const { ccc } = SANDBOX_CREDENTIALS;
  const call = createSignedCaller(serve.url('Tencent CCC API'), ccc);
  const { response } = await call('CreateCallOutSession', {
    SdkAppId: ccc.sdkAppId,
    UserId: 'li.wei@example.com',
    Callee: '008613912345678',
    IsForceUseMobile: true,
  });
  return response.SessionId as string;
}

describe('serve --push-url', () => {
  test("pushes a placed call's CDR there, with the webhook's printed Basic credentials", async () => {
    const received: { auth: string | undefined; action: string | null; body: { SessionId?: string } }[] = [];
    const webhook = await listen(async (req, res) => {
      const body = JSON.parse((await readBody(req)).toString('utf8'));
      const action = new URL(req.url ?? '/', 'http://x').searchParams.get('action');
      received.push({ auth: req.headers.authorization, action, body });
      sendJson(res, 200, { ErrCode: 0, ErrMsg: '' });
    });
    closers.push(() => webhook.close());
    const serve = await startServe(['--push-url', `${webhook.url}/push`, ...FREE_PORTS]);
    running.push(serve);
    expect(serve.url('Call-out CDRs to')).toBe(`${webhook.url}/push`);
    const sessionId = await callOut(serve);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 8_000, interval: 100 });
    const { user, password } = SANDBOX_PUSH_CREDENTIALS;
    expect(received[0]).toEqual({
      auth: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      action: 'cdr',
      body: expect.objectContaining({ SessionId: sessionId }),
    });
    expect(serve.stderr()).toBe('');
  });

  test('a CDR the webhook never takes is told on stderr, once, after the retries', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/push`;
    const serve = await startServe(['--push-url', url, ...FREE_PORTS]);
    running.push(serve);
    const sessionId = await callOut(serve);
    await vi.waitFor(() => expect(serve.stderr()).toContain('not delivered'), {
      timeout: 8_000,
      interval: 100,
    });
    expect(serve.stderr().match(/not delivered/g)).toHaveLength(1);
    expect(serve.stderr()).toContain(`to ${url} not delivered:`);
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
