import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from '../slack/emulator-types.ts';
import { startSlackEmulator } from '../slack/server.ts';
import { closedPort, runCli } from './test-utils/cli.ts';
import { type StandIn, startBot } from './test-utils/receivers.ts';

type Form = Record<string, string>;

const SECRET = 'sandbox-signing-secret';
let bot: StandIn;
/** The forms the bot received. */
const requests = (): Form[] =>
  bot.received.filter((r) => r.body.length > 0).map((r) => Object.fromEntries(new URLSearchParams(r.body)));

let slack: SlackEmulator;
let botUrl: string;
beforeAll(async () => {
  slack = await startSlackEmulator();
  bot = await startBot(SECRET);
  botUrl = bot.url;
});
afterAll(async () => {
  bot.close();
  await slack.stop();
});
beforeEach(() => {
  bot.received.length = 0;
  slack.reset();
});

const where = () => ['--url', botUrl, '--slack-url', slack.url];

describe('slash', () => {
  test('"/ccc help": signed, with an emulator response_url; both answers show in the channel', async () => {
    const run = await runCli(['slash', '/ccc help', ...where()]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(requests()).toHaveLength(1);
    const [form] = requests() as [Form];
    expect(form).toMatchObject({
      command: '/ccc',
      text: 'help',
      channel_id: 'C0CALLS',
      channel_name: 'calls',
      user_id: 'U0SANDBOXUSER',
    });
    expect(form.response_url?.startsWith(`${slack.url}/commands/`)).toBe(true);
    expect(form.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(run.stdout).toContain('The bot answered HTTP 200 in');
    expect(run.stdout).toContain('Immediate answer (shown to you in #calls):\n  Looking up…\n');
    expect(run.stdout).toContain('Answers through the response_url:\n  Usage of /ccc\n');
    expect(run.stdout).toContain(`See them in the web view: ${slack.url}/channels/C0CALLS`);
    expect(slack.ephemerals('#calls').map((e) => [e.text, e.source, e.user])).toEqual([
      ['Looking up…', 'ack', 'U0SANDBOXUSER'],
      ['Usage of /ccc', 'response_url', 'U0SANDBOXUSER'],
    ]);
    const page = await (await fetch(`${slack.url}/channels/C0CALLS`)).text();
    expect(page).toContain('Usage of /ccc');
  });

  test('a channel, a user and the signing secret from the environment, as the bot reads it', async () => {
    slack.createChannel('support');
    const run = await runCli(
      ['slash', '/ccc', 'call', 'abc', ...where(), '--channel', '#support', '--user', 'U0LEAD'],
      {
        SLACK_SIGNING_SECRET: SECRET,
      },
    );
    expect(run.code).toBe(0);
    expect(requests()[0]).toMatchObject({ text: 'call abc', channel_name: 'support', user_id: 'U0LEAD' });
    expect(slack.ephemerals('#support').map((e) => e.user)).toEqual(['U0LEAD', 'U0LEAD']);
  });

  test('a signing secret the bot does not share: HTTP 401 shown with a hint; exit 1', async () => {
    const run = await runCli(['slash', '/ccc help', ...where(), '--signing-secret', 'another-secret']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The bot answered HTTP 401');
    expect(run.stdout).toContain('invalid signature');
    expect(run.stdout).toContain('SLACK_SIGNING_SECRET differs from --signing-secret?');
  });

  test('what it cannot reach, or what the emulator refuses, is said with what to do; exit 1', async () => {
    const port = await closedPort();
    const noBot = await runCli([
      'slash',
      '/ccc help',
      '--url',
      `http://127.0.0.1:${port}/slack/events`,
      '--slack-url',
      slack.url,
    ]);
    expect(noBot.code).toBe(1);
    expect(noBot.stderr).toContain(
      `Cannot reach the bot at http://127.0.0.1:${port}/slack/events (ECONNREFUSED). Is it running?`,
    );
    const noSlack = await runCli([
      'slash',
      '/ccc help',
      '--url',
      botUrl,
      '--slack-url',
      `http://127.0.0.1:${port}`,
    ]);
    expect(noSlack.stderr).toContain(
      `Cannot reach the sandbox's Slack emulator at http://127.0.0.1:${port} (ECONNREFUSED). Start it with pnpm sandbox serve`,
    );
    const channel = await runCli(['slash', '/ccc help', ...where(), '--channel', '#nowhere']);
    expect(channel.stderr).toContain(
      'channel_not_found: no channel #nowhere: the sandbox has #calls, #alerts',
    );
    const token = await runCli(['slash', '/ccc help', ...where(), '--token', 'xoxb-wrong']);
    expect(token.stderr).toContain('invalid_auth');
    expect(token.stderr).toContain('pass the sandbox’s bot token with --token');
  });
});

describe('click', () => {
  const post = (text: string, actionId: string, value: string) =>
    fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: '#calls',
        text,
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text } },
          {
            type: 'actions',
            block_id: 'b1',
            elements: [
              {
                type: 'button',
                action_id: actionId,
                text: { type: 'plain_text', text: 'Call details' },
                value,
              },
            ],
          },
        ],
      }),
    });

  test('clicks the button of the newest message that has it, as Slack sends a block_actions payload', async () => {
    await post('older call', 'ccc_call_details', 'v-older');
    await post('newer call', 'ccc_call_details', 'v-newer');
    await post('a message with another button', 'ccc_share_to_channel', 'v-share');
    const run = await runCli(['click', ...where()]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const payload = JSON.parse(requests()[0]?.payload ?? '{}');
    const newer = slack.messages('#calls')[1];
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0SANDBOXUSER' },
      channel: { id: 'C0CALLS', name: 'calls' },
      container: { type: 'message', message_ts: newer?.ts, channel_id: 'C0CALLS', is_ephemeral: false },
      message: { ts: newer?.ts, text: 'newer call' },
      actions: [{ action_id: 'ccc_call_details', block_id: 'b1', value: 'v-newer', type: 'button' }],
    });
    expect(payload.response_url.startsWith(`${slack.url}/actions/`)).toBe(true);
    expect(run.stdout).toContain('Answers through the response_url:\n  Details of v-newer\n');
    expect(slack.ephemerals('#calls').map((e) => e.text)).toEqual(['Details of v-newer']);
  });

  test('--message picks the message; one without the button is refused with what to do', async () => {
    await post('first', 'ccc_call_details', 'v-first');
    await post('second', 'ccc_call_details', 'v-second');
    const first = slack.messages('#calls')[0]?.ts ?? '';
    const run = await runCli(['click', ...where(), '--message', first]);
    expect(run.code).toBe(0);
    expect(JSON.parse(requests()[0]?.payload ?? '{}').actions[0].value).toBe('v-first');
    const none = await runCli(['click', ...where(), '--action', 'ccc_voicemail']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'No message in #calls has a ccc_voicemail button. Push some calls first (pnpm sandbox push)',
    );
  });
});
