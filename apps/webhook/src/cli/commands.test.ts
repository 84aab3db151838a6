import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cdr, T0 } from '../store/contract-fixtures.ts';
import { openStore } from '../store/index.ts';
import { CLI_ENV, runCli } from '../test-utils/cli.ts';

// Each command as an operator runs it: the built CLI as its own process, on a real SQLite file, and for
// backfill against the sandbox's CCC API.
let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccc-webhook-cli-'));
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const database = (name: string) => `sqlite:${join(dir, `${name}.db`)}`;

/** The service's variables with the sandbox's CCC credentials and endpoint. */
const cccEnv = (url: string) => ({
  ...CLI_ENV,
  DATABASE_URL: url,
  TENCENTCLOUD_SECRET_ID: sandbox.credentials.ccc.secretId,
  TENCENTCLOUD_SECRET_KEY: sandbox.credentials.ccc.secretKey,
  CCC_SDK_APP_ID: String(sandbox.credentials.ccc.sdkAppId),
  CCC_ENDPOINT: sandbox.cccUrl,
});

describe('routes check', () => {
  test('a valid file: each rule counted and where the sample pushes would go; exit 0', async () => {
    const file = join(dir, 'routes.yaml');
    writeFileSync(file, 'rules:\n  - match: { kind: cdr }\n    channel: "#calls"\n');
    const run = await runCli(['routes', 'check', file], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${file}: 1 rule(s), valid`);
    expect(run.stdout).toMatch(/\[cdr, outbound, not_answered\] → #calls/);
    expect(run.stdout).toMatch(
      /doc sample voicemail \[voicemail, inbound, voicemail\] → the threads of its call's posts; alone in no channel if its call is not stored within VOICEMAIL_WAIT/,
    );
  });

  test('an invalid file: every problem with its line; exit 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'rules:\n  - match: { kind: nope }\n    channel: x\n');
    const run = await runCli(['routes', 'check', file], {});
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(`${file}:2: rules[0].match.kind`);
    expect(run.stdout + run.stderr).toContain(`${file}:3: rules[0].channel`);
  });
});

describe('replay-dead', () => {
  test('dead messages go back to the queue, due now, attempts reset', async () => {
    const url = database('dead');
    const store = await openStore(url);
    await store.ingest([cdr('s1', ['C1']), cdr('s2', ['C1'])]);
    const [first] = await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 60_000, owner: 'relay' });
    await store.deadLetter(first?.id ?? 0, 'relay', 'channel_not_found');
    await store.close();
    const run = await runCli(['replay-dead'], { ...CLI_ENV, DATABASE_URL: url });
    expect(run).toMatchObject({ code: 0, stdout: '1 dead message(s) queued again\n' });
    const after = await openStore(url);
    expect(await after.findPost('s1', 'C1')).toMatchObject({ state: 'pending', attempts: 0 });
    await after.close();
  });
});

describe('quarantine list', () => {
  test('id, time, action, reason code, size and truncation, newest first; never the body', async () => {
    const url = database('quarantine');
    const store = await openStore(url);
    const refused = (pushId: string, body: string, receivedAt: number, receivedBytes?: number) =>
      store.quarantine({
        pushId,
        action: 'cdr',
        query: 'action=cdr&version=1',
        reason: { code: 'invalid_payload', message: 'SessionId: expected string' },
        body,
        receivedAt,
        ...(receivedBytes ? { receivedBytes } : {}),
      });
    const first = await refused('p-1', '{"Caller":"008613912345678"}', Date.UTC(2026, 10, 1, 8, 0, 0));
    const second = await refused('p-2', '{"Caller":"0086', Date.UTC(2026, 10, 1, 9, 30, 5), 9_000);
    await store.close();
    const run = await runCli(['quarantine', 'list'], { ...CLI_ENV, DATABASE_URL: url });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'id  received (UTC)        action  reason           bytes  truncated',
      `${second}   2026-11-01 09:30:05Z  cdr     invalid_payload  9000   yes`,
      `${first}   2026-11-01 08:00:00Z  cdr     invalid_payload  28     no`,
      '',
      '2 quarantined push(es). Replay with: replay-quarantine [--id N …] (truncated ones cannot be replayed)',
      '',
    ]);
    expect(run.stdout).not.toContain('0086');
    const limited = await runCli(['quarantine', 'list', '--limit', '1'], { ...CLI_ENV, DATABASE_URL: url });
    expect(limited.stdout).toContain('the newest 1 (--limit for more) quarantined push(es).');
  });

  test('an empty quarantine says so', async () => {
    const run = await runCli(['quarantine', 'list'], { ...CLI_ENV, DATABASE_URL: database('empty') });
    expect(run).toMatchObject({ code: 0, stdout: 'The quarantine is empty.\n' });
  });
});

describe('DATABASE_URL=sqlite:./… starts where the operator started, like the service', () => {
  test('pnpm runs the CLI in the package directory; INIT_CWD says where it was started', async () => {
    const started = join(dir, 'repo');
    mkdirSync(started);
    const env = { ...CLI_ENV, DATABASE_URL: 'sqlite:./data/webhook.db' };
    // The service started from `started` made this file (through the same resolution, see main.test.ts).
    mkdirSync(join(started, 'data'));
    const store = await openStore(`sqlite:${join(started, 'data/webhook.db')}`);
    await store.ingest([cdr('s1', ['C1'])]);
    const [row] = await store.claimDue({ now: T0 + 1, limit: 1, leaseMs: 60_000, owner: 'relay' });
    await store.deadLetter(row?.id ?? 0, 'relay', 'channel_not_found');
    await store.close();
    const viaPnpm = await runCli(['replay-dead'], { ...env, INIT_CWD: started }, { cwd: tmpdir() });
    expect(viaPnpm).toMatchObject({ code: 0, stdout: '1 dead message(s) queued again\n' });
    const direct = await runCli(['quarantine', 'list'], env, { cwd: started });
    expect(direct).toMatchObject({ code: 0, stdout: 'The quarantine is empty.\n' });
    expect(existsSync(join(tmpdir(), 'data/webhook.db'))).toBe(false);
  });
});

describe('backfill', () => {
  test('imports the calls pushes missed, with one progress line per page when not on a terminal', async () => {
    const url = database('backfill');
    const starts = sandbox.dataset.calls.map((call) => (call.push.StartTimestamp ?? 0) * 1000);
    const since = new Date(Math.min(...starts) - 60_000).toISOString();
    const until = new Date(Math.max(...starts) + 86_400_000).toISOString();
    const run = await runCli(['backfill', '--since', since, '--until', until], cccEnv(url));
    const calls = sandbox.dataset.calls.length;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `backfill: ${calls} calls seen, ${calls} missing ones stored (the relay posts them), 0 without a session id, 0 quarantined (see replay-quarantine)\n`,
    );
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^backfill: page (\\d+)/\\1: ${calls} calls read, ${calls} imported, 0 quarantined, about 0 s left$`,
      ),
    );
    const store = await openStore(url);
    expect((await store.listInbox()).map((row) => row.source)).toEqual(
      sandbox.dataset.calls.map(() => 'reconcile'),
    );
    await store.close();
    // A second run finds nothing new: every call is a duplicate of the first run's.
    const again = await runCli(['backfill', '--since', since, '--until', until], cccEnv(url));
    expect(again.stdout).toContain(`${calls} calls seen, 0 missing ones stored`);
  });
});

describe('digest', () => {
  test('prints a stored day as the channel reads it; --post queues it once; a bad --date says what to write', async () => {
    const url = database('digest');
    const store = await openStore(url);
    const day = new Date((sandbox.dataset.calls[0]?.push.StartTimestamp ?? 0) * 1000)
      .toISOString()
      .slice(0, 10);
    const calls = sandbox.dataset.calls.map((call) => ({
      ...cdr(call.sessionId, []),
      body: JSON.stringify(call.push),
      receivedAt: (call.push.EndedTimestamp ?? 0) * 1000,
    }));
    await store.ingest(calls);
    await store.close();
    const env = { ...CLI_ENV, DATABASE_URL: url, DIGEST_CHANNEL: '#leads' };
    const printed = await runCli(['digest', '--date', day], env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(new RegExp(`^== :bar_chart: Calls on \\w{3} ${day} ==`));
    expect(printed.stdout).toMatch(/Offered: \d+/);
    expect(printed.stdout).toContain(`(${calls.length} calls stored for ${day}, UTC)`);
    const posted = await runCli(['digest', '--date', day, '--post'], env);
    expect(posted.stdout).toContain('Queued for #leads');
    const again = await runCli(['digest', '--date', day, '--post'], env);
    expect(again.stdout).toContain(`Not queued again: the digest of ${day} is already pending in #leads.`);
    const bad = await runCli(['digest', '--date', '3 Dec'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date is a day like 2026-12-03');
  });
});
