import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listen, type RunningServer, readBody } from '../http.ts';
import type { SlackEmulator } from '../slack/emulator-types.ts';
import { startSlackEmulator } from '../slack/server.ts';
import { signSlackRequest } from '../slack/signing.ts';
import { runCli } from './test-utils/cli.ts';

const SECRET = 'sandbox-signing-secret';
let slack: SlackEmulator;
let bot: RunningServer;
/** The Events API bodies the bot accepted. */
const events: Record<string, unknown>[] = [];
let publishes = true;

/** Publishes the viewer's Home tab after the ack, as a Bolt app's listener does once it acknowledged. */
function publishHome(user: string): void {
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: `Opened ${events.length}×` } }];
  setTimeout(
    () =>
      void fetch(`${slack.apiUrl}views.publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: user, view: { type: 'home', blocks } }),
      }),
    20,
  );
}

beforeAll(async () => {
  slack = await startSlackEmulator();
  bot = await listen(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const expected = signSlackRequest({ signingSecret: SECRET, body, timestamp })['x-slack-signature'];
    if (req.headers['x-slack-signature'] !== expected)
      return void res.writeHead(401).end('invalid signature');
    const payload = JSON.parse(body) as { event: { user: string } };
    events.push(payload);
    res.writeHead(200).end();
    if (publishes) publishHome(payload.event.user);
  });
});
afterAll(async () => {
  await bot.close();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  events.length = 0;
  publishes = true;
});

const where = () => ['--url', bot.url, '--slack-url', slack.url];

describe('home', () => {
  test('sends a signed app_home_opened and prints the tab the bot publishes; the next one carries it', async () => {
    const run = await runCli(['home', ...where(), '--user', 'U0LEAD']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'event_callback',
        event: expect.objectContaining({ type: 'app_home_opened', user: 'U0LEAD', tab: 'home' }),
      }),
    ]);
    expect(run.stdout).toContain(`app_home_opened of U0LEAD → ${bot.url}\nThe bot answered HTTP 200 in`);
    expect(run.stdout).toContain('Home tab of U0LEAD (published 1×):\n  Opened 1×\n');
    expect(run.stdout).toContain(`See it in the web view: ${slack.url}/home/U0LEAD`);
    const first = slack.homeView('U0LEAD');
    expect(first?.version).toBe(1);

    const again = await runCli(['home', ...where(), '--user', 'U0LEAD']);
    expect(again.stdout).toContain('Home tab of U0LEAD (published 2×):\n  Opened 2×\n');
    expect(events[1]?.event).toMatchObject({ view: { id: first?.id, type: 'home' } });
  });

  test('a bot that publishes nothing within --wait is said so; the web view link is still printed', async () => {
    publishes = false;
    const run = await runCli(['home', ...where(), '--wait', '300ms']);
    expect(run.code).toBe(0);
    expect(events[0]?.event).toMatchObject({ user: 'U0SANDBOXUSER' });
    expect(run.stdout).toContain('The bot published no Home view within 300 ms');
    expect(run.stdout).toContain(`${slack.url}/home/U0SANDBOXUSER`);
  });

  test('another signing secret: HTTP 401 with a hint, exit 1; a bad --user is a usage mistake', async () => {
    const refused = await runCli(['home', ...where(), '--signing-secret', 'another-secret']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('The bot answered HTTP 401');
    expect(refused.stdout).toContain('SLACK_SIGNING_SECRET differs from --signing-secret?');
    const wrong = await runCli(['home', '--user', 'lead']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^--user is a Slack user id like U0SANDBOXUSER\n\nUsage: pnpm sandbox home/);
  });
});
