import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validCdrText } from './test-utils/hostile.ts';
import { type RawReply, send } from './test-utils/raw-http.ts';
import { reportScenario } from './test-utils/report.ts';
import { FULL } from './test-utils/scale.ts';
import { median } from './test-utils/stats.ts';
import { type StoreReader, sqliteReader } from './test-utils/store-reader.ts';
import {
  METRICS_TOKEN,
  PUSH_AUTHORIZATION,
  PUSH_PASSWORD,
  PUSH_USER,
  startWebhookProcess,
  type WebhookProcess,
} from './test-utils/webhook-process.ts';

const TOKEN = 'reliability-push-token-5be1d09c2a';
let slack: SlackEmulator;
let dir: string;
let basicHook: WebhookProcess;
let tokenHook: WebhookProcess;
let basicStore: StoreReader;
let tokenStore: StoreReader;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-auth-'));
  const common = {
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.apiUrl,
    SLACK_DEFAULT_CHANNEL: 'C0CALLS',
    // The most verbose level: secrets must not appear even in debug logs.
    LOG_LEVEL: 'trace',
  };
  [basicHook, tokenHook] = await Promise.all([
    startWebhookProcess({ env: { ...common, DATABASE_URL: `sqlite:${join(dir, 'basic.db')}` } }),
    startWebhookProcess({
      env: {
        ...common,
        DATABASE_URL: `sqlite:${join(dir, 'token.db')}`,
        PUSH_BASIC_USER: undefined,
        PUSH_BASIC_PASSWORD: undefined,
        PUSH_TOKEN: TOKEN,
      },
    }),
  ]);
  basicStore = sqliteReader(join(dir, 'basic.db'));
  tokenStore = sqliteReader(join(dir, 'token.db'));
});

afterAll(async () => {
  agent.destroy();
  await Promise.all([basicHook?.kill(), tokenHook?.kill()]);
  await basicStore?.close();
  await tokenStore?.close();
  await slack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
let sessions = 0;
const push = (hook: WebhookProcess, headers: Record<string, string>, query = 'action=cdr&version=1') =>
  send(`${hook.url}/push?${query}`, {
    agent,
    headers: { 'content-type': 'application/json;charset=utf8', ...headers },
    body: validCdrText(`auth-session-${++sessions}`),
  });
const isUnauthorized = (reply: RawReply) =>
  reply.status === 401 &&
  (reply.json as { ErrCode?: number } | undefined)?.ErrCode === 401 &&
  typeof (reply.json as { ErrMsg?: unknown }).ErrMsg === 'string';

/** Wrong credentials an attacker (or a misconfigured console) sends; each must be refused. */
const WRONG_BASIC: readonly [string, Record<string, string>][] = [
  ['no Authorization header', {}],
  ['wrong password', { authorization: basic(PUSH_USER, 'not-the-password') }],
  ['wrong user', { authorization: basic('tencent2', PUSH_PASSWORD) }],
  ['password one character short', { authorization: basic(PUSH_USER, PUSH_PASSWORD.slice(0, -1)) }],
  ['password with a character more', { authorization: basic(PUSH_USER, `${PUSH_PASSWORD}x`) }],
  ['password with a trailing newline', { authorization: basic(PUSH_USER, `${PUSH_PASSWORD}\n`) }],
  ['empty password', { authorization: basic(PUSH_USER, '') }],
  ['no colon', { authorization: `Basic ${Buffer.from(PUSH_USER).toString('base64')}` }],
  ['not base64', { authorization: 'Basic !!!not-base64!!!' }],
  ['empty Basic', { authorization: 'Basic ' }],
  ['the password as a Bearer token', { authorization: `Bearer ${PUSH_PASSWORD}` }],
  ['a 10 KB password', { authorization: basic(PUSH_USER, 'p'.repeat(10_000)) }],
];
const WRONG_TOKEN: readonly [string, Record<string, string>, string][] = [
  ['no token', {}, 'action=cdr&version=1'],
  ['wrong token in the query', {}, 'action=cdr&version=1&token=wrong-token-wrong-token'],
  ['token prefix in the query', {}, `action=cdr&version=1&token=${TOKEN.slice(0, -1)}`],
  ['empty token', {}, 'action=cdr&version=1&token='],
  ['wrong Bearer', { authorization: 'Bearer wrong-token-wrong-token' }, 'action=cdr&version=1'],
  ['Basic instead of the token', { authorization: basic(PUSH_USER, TOKEN) }, 'action=cdr&version=1'],
];

/** Median latency (µs) of `count` pushes per candidate password, interleaved so drift hits all alike. */
async function latencyByCandidate(candidates: Record<string, string>, count: number) {
  const samples = new Map<string, number[]>(Object.keys(candidates).map((k) => [k, []]));
  for (let i = 0; i < count; i++) {
    for (const [name, password] of Object.entries(candidates)) {
      const started = performance.now();
      await send(`${basicHook.url}/push?action=cdr&version=1`, {
        agent,
        headers: { authorization: basic(PUSH_USER, password), 'content-type': 'application/json' },
        body: '{}',
      });
      samples.get(name)?.push((performance.now() - started) * 1000);
    }
  }
  return Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]));
}

describe('scenario 6: authentication of pushes (Basic and token)', () => {
  test('wrong or missing credentials are refused with 401 + ErrCode, nothing is stored, secrets never logged', async () => {
    const basicReplies = await Promise.all(WRONG_BASIC.map(([, headers]) => push(basicHook, headers)));
    const tokenReplies = await Promise.all(
      WRONG_TOKEN.map(([, headers, query]) => push(tokenHook, headers, query)),
    );
    const storedAfterWrong = (await basicStore.inbox()).length + (await tokenStore.inbox()).length;
    const quarantinedAfterWrong =
      (await basicStore.quarantine()).length + (await tokenStore.quarantine()).length;
    const accepted = await Promise.all([
      push(basicHook, { authorization: PUSH_AUTHORIZATION }),
      push(tokenHook, {}, `action=cdr&version=1&token=${TOKEN}`),
      push(tokenHook, { authorization: `Bearer ${TOKEN}` }),
    ]);
    // A valid token with an invalid body: the quarantined query must not keep the token.
    const refusedBody = await send(`${tokenHook.url}/push?action=cdr&version=1&token=${TOKEN}`, {
      headers: { 'content-type': 'application/json' },
      body: '{"SessionId": 1}',
    });
    const metrics = await Promise.all(
      [
        {},
        { authorization: 'Bearer wrong-metrics-token-00000' },
        { authorization: `Bearer ${METRICS_TOKEN}` },
      ].map((headers) => send(`${basicHook.url}/metrics`, { method: 'GET', headers })),
    );
    const rounds = FULL ? 1_000 : 150;
    const timing = await latencyByCandidate(
      {
        'first char wrong': `X${PUSH_PASSWORD.slice(1)}`,
        'last char wrong': `${PUSH_PASSWORD.slice(0, -1)}X`,
        'wrong length': 'short',
      },
      rounds,
    );
    const logs = basicHook.output() + tokenHook.output();
    const secrets = {
      'push password': PUSH_PASSWORD,
      'basic header': PUSH_AUTHORIZATION.slice(6),
      'push token': TOKEN,
      'metrics token': METRICS_TOKEN,
      'attempted password': 'not-the-password',
      'attempted token': 'wrong-token-wrong-token',
    };
    const leaked = Object.entries(secrets).filter(([, secret]) => logs.includes(secret));
    const quarantine = await tokenStore.quarantine();
    const spread = Math.max(...Object.values(timing)) - Math.min(...Object.values(timing));
    reportScenario('6a. push authentication', {
      'wrong credentials tried': WRONG_BASIC.length + WRONG_TOKEN.length,
      'refused 401': [...basicReplies, ...tokenReplies].filter(isUnauthorized).length,
      'stored from refused': storedAfterWrong,
      'accepted with right credentials': accepted.filter((r) => r.status === 200).length,
      'log lines scanned': logs.split('\n').length,
      'secrets found in logs': leaked.length,
      'timing samples per candidate': rounds,
      ...Object.fromEntries(
        Object.entries(timing).map(([name, us]) => [`median µs ${name}`, Math.round(us)]),
      ),
    });
    expect(
      WRONG_BASIC.filter((_, i) => !isUnauthorized(basicReplies[i] as RawReply)).map(([name]) => name),
    ).toEqual([]);
    expect(
      WRONG_TOKEN.filter((_, i) => !isUnauthorized(tokenReplies[i] as RawReply)).map(([name]) => name),
    ).toEqual([]);
    expect(basicReplies[0]?.headers['www-authenticate']).toMatch(/^Basic /);
    expect([storedAfterWrong, quarantinedAfterWrong]).toEqual([0, 0]);
    expect(accepted.map((r) => r.json)).toEqual(accepted.map(() => ({ ErrCode: 0, ErrMsg: '' })));
    expect(refusedBody.status).toBe(400);
    expect(quarantine.map((q) => q.query)).toEqual(['action=cdr&version=1&token=***']);
    expect(metrics.map((r) => r.status)).toEqual([401, 401, 200]);
    expect(leaked).toEqual([]);
    // The comparison hashes both sides and compares in constant time: where the first difference sits, or
    // the length, must not change the answer time. Over loopback HTTP only a gross leak (say, an early
    // exit on a long secret) would show; the medians are reported either way.
    expect(spread).toBeLessThan(Math.max(300, 0.3 * Math.min(...Object.values(timing))));
  }, 300_000);
});
