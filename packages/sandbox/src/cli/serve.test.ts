import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, type RunningServe, runCli, startServe } from './test-utils/cli.ts';

const FREE_PORTS = ['--ccc-port', '0', '--desk-port', '0', '--slack-port', '0'];
const ROUTES = 'apps/webhook/routes.example.yaml';

/** The env variables an app's schema reads (`NAME:` keys of its valibot object), from its source text. */
const appVariables = (file: string): Set<string> =>
  new Set(
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? ''),
  );

/** True when something accepts connections on `port` of 127.0.0.1. */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const portOf = (url: string): number => Number(new URL(url).port);

describe('serve --routes apps/webhook/routes.example.yaml', () => {
  let serve: RunningServe;
  let envDir: string;
  beforeAll(async () => {
    envDir = mkdtempSync(join(tmpdir(), 'ccc-sandbox-env-'));
    serve = await startServe(['--routes', ROUTES, '--env-dir', envDir, '--day', '2025-03-01', ...FREE_PORTS]);
  });
  afterAll(async () => {
    if (serve.child.exitCode === null) await serve.stop();
    rmSync(envDir, { recursive: true, force: true });
  });

  test('creates every channel the routes file names, next to #calls and #alerts', async () => {
    expect(serve.stdout).toContain(
      'Slack channels    #calls, #alerts, #support-missed, #voicemail, #chats\n',
    );
    const html = await (await fetch(serve.url('Slack web view'))).text();
    for (const name of ['support-missed', 'calls', 'voicemail', 'chats'])
      expect(html).toContain(`>#${name}</a>`);
    expect(serve.stderr()).toBe('');
  });

  test('prints the counts it really serves, and the day', () => {
    expect(serve.stdout).toMatch(
      /^ccc-kit sandbox is running: seed 1, 2025-03-01 \(UTC\), 40 calls and 12 chats \(and 4 live ones\), plus 3 calls and 1 chat with the SessionIds of Tencent's documented samples\n/,
    );
  });

  test("prints each app's settings under the names the app reads", () => {
    const webhook = serve.settings.get('Webhook (apps/webhook)');
    const bot = serve.settings.get('Slack bot (apps/slack-bot)');
    expect(webhook?.get('ROUTES_FILE')).toBe(join(ROOT, ROUTES));
    expect(webhook?.get('SLACK_API_URL')).toBe(serve.url('Slack Web API'));
    expect(bot?.get('CCC_ENDPOINT')).toBe(serve.url('Tencent CCC API'));
    expect(bot?.get('DESK_ENDPOINT')).toBe(serve.url('Tencent Desk API'));
    expect(bot?.get('SLACK_SIGNING_SECRET')).toBe('sandbox-signing-secret');
    const webhookNames = appVariables('apps/webhook/src/env-variables.ts');
    const botNames = appVariables('apps/slack-bot/src/env-variables.ts');
    expect([...(webhook?.keys() ?? [])].filter((name) => !webhookNames.has(name))).toEqual([]);
    expect([...(bot?.keys() ?? [])].filter((name) => !botNames.has(name))).toEqual([]);
    expect(webhook?.size).toBe(12);
    expect(bot?.size).toBe(13);
  });

  test('--env-dir writes the same settings, readable by their owner only', () => {
    const text = readFileSync(join(envDir, 'webhook.env'), 'utf8');
    expect(text).toContain(
      `# Webhook (apps/webhook): written to ${join(envDir, 'webhook.env')}; start: node --env-file=`,
    );
    expect(text).toContain(`ROUTES_FILE=${join(ROOT, ROUTES)}\n`);
    // The webhook's database goes with the settings, not into ./data of wherever it is started.
    expect(text).toContain(`DATABASE_URL=sqlite:${join(envDir, 'webhook.db')}\n`);
    expect(statSync(join(envDir, 'slack-bot.env')).mode & 0o777).toBe(0o600);
  });

  test('SIGTERM stops every server and exits 0', async () => {
    const ports = ['Tencent CCC API', 'Tencent Desk API', 'Slack web view'].map((label) =>
      portOf(serve.url(label)),
    );
    expect(await Promise.all(ports.map(listening))).toEqual([true, true, true]);
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(serve.stderr()).toContain('Stopping the sandbox (SIGTERM)');
    expect(await Promise.all(ports.map(listening))).toEqual([false, false, false]);
  });
});

describe('serve: channels named otherwise', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ccc-sandbox-routes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a channel id in the routes file: a warning says how to name it; --channels name=ID creates it', async () => {
    const routes = join(dir, 'routes.yaml');
    writeFileSync(routes, 'rules:\n  - channel: C0123ABCD\n  - channel: "#ops"\n');
    const warned = await startServe(['--routes', routes, ...FREE_PORTS]);
    expect(warned.stderr()).toContain(
      'names channel C0123ABCD by id: the sandbox cannot create a channel from an id alone',
    );
    expect(warned.stderr()).toContain('--channels <name>=C0123ABCD');
    expect(await warned.stop('SIGINT')).toBe(0);
    const named = await startServe(['--routes', routes, '--channels', 'support=C0123ABCD', ...FREE_PORTS]);
    expect(named.stderr()).toBe('');
    expect(named.stdout).toContain('Slack channels    #calls, #alerts, #support, #ops\n');
    const html = await (await fetch(`${named.url('Slack web view')}channels/C0123ABCD`)).text();
    expect(html).toContain('>#support</a>');
    expect(await named.stop()).toBe(0);
  });

  test('a routes file that cannot be read or is not YAML: exit 2 with the file named', async () => {
    const missing = await runCli(['--routes', join(dir, 'nope.yaml'), ...FREE_PORTS]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--routes \S+nope\.yaml: cannot read it \(ENOENT\)/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  - channel: [1\n');
    const invalid = await runCli(['--routes', bad, ...FREE_PORTS]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`--routes ${bad}: not valid YAML`);
  });

  test('a port in use: exit 1, the port named and what to do', async () => {
    const first = await startServe(FREE_PORTS);
    const taken = String(portOf(first.url('Tencent CCC API')));
    const second = await runCli(['--ccc-port', taken, '--desk-port', '0', '--slack-port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`port ${taken} is in use`);
    expect(await first.stop()).toBe(0);
  });
});
