import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSqlite } from '@ccc-kit/webhook/sqlite';
import { afterAll, describe, expect, test } from 'vitest';
import { codeBlocks } from './readme-examples.ts';
import {
  isWalkthrough,
  killLeftovers,
  type RunningStep,
  startStep,
  stopStep,
  waitFor,
  walkthroughSteps,
} from './walkthrough.ts';

// The root README's "Try it on the sandbox" walkthrough, run command by command as written, from the
// repository root. One substitution: its `.sandbox` folder becomes a temporary one, so the test never
// touches a folder a developer may be using. Servers (`… &`) are waited for by the ports the README names.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = 'README.md';
const block = codeBlocks(README, readFileSync(join(ROOT, README), 'utf8')).find(isWalkthrough);
const PREFIX = 'ccc-walkthrough-';
// Servers an earlier, killed run left on the README's ports (their command lines name its folder).
killLeftovers(join(tmpdir(), PREFIX));
const dir = mkdtempSync(join(tmpdir(), PREFIX));
const running: RunningStep[] = [];

afterAll(async () => {
  await Promise.all(running.map((step) => stopStep(step)));
  rmSync(dir, { recursive: true, force: true });
});

const ok = async (url: string): Promise<boolean> => (await fetch(url)).ok;

/** How the test knows a server the walkthrough started is ready: the ports and files the README names. */
async function ready(command: string): Promise<void> {
  if (command.includes('sandbox serve'))
    return waitFor(
      'the sandbox (its web view and the settings it writes)',
      async () => existsSync(join(dir, 'slack-bot.env')) && ok('http://127.0.0.1:4012/'),
    );
  if (command.includes('apps/webhook/'))
    return waitFor('the webhook', () => ok('http://127.0.0.1:8080/readyz'));
  if (command.includes('apps/slack-bot/'))
    return waitFor('the bot', () => ok('http://127.0.0.1:3000/healthz'));
  throw new Error(`no readiness probe for "${command}": teach walkthrough.test.ts how to wait for it`);
}

/** The webhook's outbox rows by state, read from its database (the walkthrough's `webhook.db`). */
function outboxStates(): Record<string, number> {
  const Database = loadSqlite();
  const db = new Database(join(dir, 'webhook.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  } finally {
    db.close();
  }
}

/** Every page of the Slack emulator's web view, as one text. */
async function webView(): Promise<string> {
  const home = await (await fetch('http://127.0.0.1:4012/')).text();
  const channels = [...new Set([...home.matchAll(/href="(\/channels\/[\w-]+)"/g)].map((m) => m[1]))];
  const pages = await Promise.all(
    channels.map(async (path) => (await fetch(`http://127.0.0.1:4012${path}`)).text()),
  );
  return [home, ...pages].join('\n');
}

describe('the README walkthrough on the sandbox', () => {
  test('every command runs as written; nothing is dead-lettered; the bot answers in the web view', async () => {
    expect(block, 'README.md has a ```sh walkthrough block').toBeDefined();
    const steps = walkthroughSteps(block as NonNullable<typeof block>);
    const env = { ...process.env, FORCE_COLOR: '0' };
    for (const step of steps) {
      const command = step.command.replaceAll('.sandbox', dir);
      const started = startStep(command, ROOT, env);
      if (step.background) {
        running.push(started);
        // A server that stops before it is ready (a port in use, a bad setting) fails the step with its output.
        const exited = started.exit.then((code) => {
          throw new Error(
            `README.md line ${step.line} exited (${code}): ${step.command}\n${started.output()}`,
          );
        });
        await Promise.race([ready(command), exited]).catch((error: Error) => {
          throw new Error(`${error.message}\n--- output of "${step.command}":\n${started.output()}`);
        });
        exited.catch(() => undefined);
        continue;
      }
      const code = await started.exit;
      expect(code, `README.md line ${step.line}: ${step.command}\n${started.output()}`).toBe(0);
    }
    // Slack takes about one message per second per channel: a day's posts, replies and updates take minutes.
    await waitFor(
      'the webhook to post everything',
      async () => {
        const outbox = outboxStates();
        return (outbox.pending ?? 0) + (outbox.sending ?? 0) === 0 && (outbox.sent ?? 0) > 0;
      },
      240_000,
    );
    expect(outboxStates().dead ?? 0).toBe(0);
    const view = await webView();
    expect(view).toContain('Only visible to');
    expect(view).toMatch(/\/ccc call/);
    expect(view).toContain('0cf5be1b-de75-4445-a0c4-8dff3fa4b68b');
  }, 360_000);
});
