import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validCdrText } from './test-utils/hostile.ts';
import { reportScenario } from './test-utils/report.ts';
import {
  PUSH_AUTHORIZATION,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

let slack: SlackEmulator;
let dir: string;
let webhook: WebhookProcess | undefined;

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-keep-alive-'));
});
afterAll(async () => {
  await webhook?.kill();
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A push through `agent`: `ack`, or what went wrong (`ECONNRESET`…), and whether the socket was reused. */
const pushOn = (agent: Agent, url: string, sessionId: string) =>
  new Promise<{ outcome: string; reused: boolean }>((resolve) => {
    const req = request(
      `${url}/push?action=cdr&version=1`,
      {
        method: 'POST',
        agent,
        headers: { authorization: PUSH_AUTHORIZATION, 'content-type': 'application/json;charset=utf8' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ outcome: text.startsWith('{"ErrCode":0') ? 'ack' : text, reused: req.reusedSocket }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ outcome: error.code ?? error.message, reused: req.reusedSocket }),
    );
    req.end(validCdrText(sessionId));
  });

describe('scenario 7b: keep-alive race', () => {
  test("a busy client reusing its idle socket when Node's 5 s default would have closed it (6 s) gets its ack, not ECONNRESET", async () => {
    webhook = await startWebhookProcess({
      env: {
        DATABASE_URL: `sqlite:${join(dir, 'webhook.db')}`,
        SLACK_BOT_TOKEN: slack.token,
        SLACK_API_URL: slack.apiUrl,
        SLACK_DEFAULT_CHANNEL: 'C0CALLS',
        LOG_LEVEL: 'warn',
      },
    });
    // Like the load generator's: a Node 20 agent without `timeout` ignores the server's Keep-Alive hint
    // and keeps an idle socket until the server closes it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await pushOn(agent, webhook.url, 'keep-alive-1');
    const idleFrom = performance.now();
    await sleep(5_600);
    // Busy (as a load generator at 2,000 pushes/s is) across the 6 s mark: a FIN sent then is not read
    // before the next request is written on the socket, which the server then answers with a reset.
    const busyUntil = performance.now() + 800;
    while (performance.now() < busyUntil);
    const idleSeconds = (performance.now() - idleFrom) / 1000;
    const second = await pushOn(agent, webhook.url, 'keep-alive-2');
    agent.destroy();
    reportScenario('7b. keep-alive race', {
      'idle s before reuse': Number(idleSeconds.toFixed(2)),
      'second push': second.outcome,
      'socket reused': String(second.reused),
    });
    expect([first, second]).toEqual([
      { outcome: 'ack', reused: false },
      { outcome: 'ack', reused: true },
    ]);
  }, 60_000);
});
