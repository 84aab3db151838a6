import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from './test-utils/harness.ts';
import { createTestSchema, postgresSuite, type TestSchema } from './test-utils/postgres.ts';
import { startTcpProxy, type TcpProxy } from './test-utils/tcp-proxy.ts';

let harness: Harness | undefined;
let proxy: TcpProxy | undefined;
let schema: TestSchema | undefined;
afterEach(async () => {
  proxy?.restore();
  await harness?.stop();
  await proxy?.stop();
  await schema?.drop();
  [harness, proxy, schema] = [undefined, undefined, undefined];
});

const readyz = async (h: Harness) => {
  const res = await fetch(`${h.webhook.url}/readyz`);
  return { status: res.status, body: await res.json() };
};

/** Polls `/readyz` until it answers `status` (or returns the last answer after `timeoutMs`). */
async function readyzUntil(h: Harness, status: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readyz(h);
    if (answer.status === status || Date.now() > deadline) return answer;
    await sleep(50);
  }
}

describe('/readyz', () => {
  test('after Slack refuses the bot token the relay stops and /readyz says relay_stopped; /healthz stays 200', async () => {
    harness = await startHarness();
    expect(await readyz(harness)).toEqual({ status: 200, body: { status: 'ready' } });
    harness.sandbox.slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'invalid_auth' }, 1);
    const call = harness.sandbox.dataset.calls[0];
    expect(
      (await harness.pusher.push({ action: 'cdr', body: call?.push as object, pushId: 'relay-stop-1' }))
        .delivered,
    ).toBe(true);
    expect(await readyzUntil(harness, 503)).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'relay_stopped' },
    });
    expect(harness.webhook.relay.status().stoppedReason).toBe('invalid_auth');
    expect((await fetch(`${harness.webhook.url}/healthz`)).status).toBe(200);
  });
});

const postgres = await postgresSuite('/readyz on PostgreSQL');
describe.skipIf(postgres.skip)(postgres.title, () => {
  test('a database that cannot be reached gives reason "database" and none of its error text; ready again once it answers', async () => {
    schema = await createTestSchema('webhook_readyz');
    const target = new URL(schema.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    harness = await startHarness({
      databaseUrl: schema.via(proxy.port),
      config: { pgQueryTimeoutMs: 1_000 },
    });
    expect(await readyz(harness)).toEqual({ status: 200, body: { status: 'ready' } });
    proxy.cut();
    const down = await readyz(harness);
    expect(down).toEqual({ status: 503, body: { status: 'unavailable', reason: 'database' } });
    proxy.restore();
    expect(await readyzUntil(harness, 200)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});
