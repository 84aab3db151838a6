import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type ModalView, WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listen, type RunningServer, readBody } from '../http.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

const START = 1_700_000_000_000;
let clock = START;
let slack: SlackEmulator;
let client: WebClient;
let app: RunningServer;
const payloads: Record<string, unknown>[] = [];

// Checked independently of signing.ts: v0 HMAC-SHA256 over `v0:ts:body`.
function signedBySlack(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const digest = createHmac('sha256', secret)
    .update(`v0:${headers['x-slack-request-timestamp']}:${body}`)
    .digest('hex');
  const given = Buffer.from(String(headers['x-slack-signature']));
  const expected = Buffer.from(`v0=${digest}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

beforeAll(async () => {
  slack = await startSlackEmulator({ now: () => clock });
  client = emulatorClient(slack);
  // A tiny app: acks commands with an empty 200, refuses a note shorter than 5 characters like Bolt apps do.
  app = await listen(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    if (!signedBySlack(slack.signingSecret, req.headers, body)) return void res.writeHead(401).end();
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? 'null');
    if (payload) payloads.push(payload);
    const note = payload?.view?.state?.values?.note?.note?.value;
    if (typeof note === 'string' && note.length < 5) {
      const errors = { response_action: 'errors', errors: { note: 'Write a bit more' } };
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(errors));
    }
    res.writeHead(200).end();
  });
});
afterAll(async () => {
  await app.close();
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  payloads.length = 0;
  clock = START;
});

const modal: ModalView = {
  type: 'modal',
  callback_id: 'follow_up',
  private_metadata: 'call c-1',
  title: { type: 'plain_text', text: 'Follow up' },
  submit: { type: 'plain_text', text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'note',
      label: { type: 'plain_text', text: 'Note' },
      element: { type: 'plain_text_input', action_id: 'note' },
    },
  ],
};

const slashTrigger = async (userId = 'U0AGENT'): Promise<string> =>
  (await slack.sendSlashCommand({ url: app.url, command: '/ccc', userId })).triggerId;

async function errorOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

describe('views.open', () => {
  test('a slash command’s trigger opens a modal once, and views() lists it', async () => {
    const trigger = await slashTrigger();
    const { view } = await client.views.open({ trigger_id: trigger, view: modal });
    expect(view).toMatchObject({
      ...modal,
      id: expect.stringMatching(/^V/),
      team_id: 'T0SANDBOX',
      app_id: 'A0SANDBOXAPP',
      state: { values: {} },
      hash: expect.any(String),
    });
    expect(slack.views()).toEqual([{ id: view?.id, user: 'U0AGENT', triggerId: trigger, at: START, view }]);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal }))).toMatchObject({
      error: 'exchanged_trigger_id',
    });
  });

  test('a trigger works for 3 s of the emulator clock; an unknown one is invalid; no scope needed', async () => {
    const inTime = await slashTrigger();
    const late = (await slack.sendInteraction({ url: app.url, payload: { actions: [] } })).triggerId;
    clock += 3000;
    slack.addToken('xoxb-no-scopes', []);
    const unscoped = emulatorClient(slack, {}, 'xoxb-no-scopes');
    expect((await unscoped.views.open({ trigger_id: inTime, view: modal })).ok).toBe(true);
    clock += 1;
    expect((await errorOf(client.views.open({ trigger_id: late, view: modal }))).error).toBe(
      'expired_trigger_id',
    );
    expect((await errorOf(client.views.open({ trigger_id: '1.2.abc', view: modal }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  test('an invalid view is refused with the reason and leaves the trigger usable', async () => {
    const trigger = await slashTrigger();
    const { title: _title, ...untitled } = modal;
    const { submit: _submit, ...noSubmit } = modal;
    const refusals: [object, string][] = [
      [untitled, '[ERROR] missing required field: title [json-pointer:/view]'],
      [
        { ...modal, title: { type: 'plain_text', text: 'A title far too long for it' } },
        '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
      ],
      [noSubmit, 'missing required field: submit'],
      [
        { ...modal, blocks: [...modal.blocks, ...modal.blocks] },
        '[ERROR] duplicate block_id: note [json-pointer:/view/blocks/1/block_id]',
      ],
    ];
    for (const [view, reason] of refusals) {
      const data = await errorOf(client.views.open({ trigger_id: trigger, view: view as ModalView }));
      expect(data.error).toBe('invalid_arguments');
      expect((data.response_metadata as { messages: string[] }).messages.join('\n')).toContain(reason);
    }
    expect((await client.views.open({ trigger_id: trigger, view: modal })).ok).toBe(true);
  });

  test('takes the view as a JSON object too; reset forgets views and triggers', async () => {
    const trigger = await slashTrigger();
    const answer = await fetch(`${slack.apiUrl}views.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trigger_id: trigger, view: modal }),
    });
    expect(await answer.json()).toMatchObject({ ok: true, view: { callback_id: 'follow_up' } });
    const unused = await slashTrigger();
    slack.reset();
    expect(slack.views()).toEqual([]);
    expect((await errorOf(client.views.open({ trigger_id: unused, view: modal }))).error).toBe(
      'invalid_trigger_id',
    );
  });
});

describe('submitView', () => {
  test('sends a signed view_submission with the values and no response_url; returns the app’s answer', async () => {
    const { view } = await client.views.open({ trigger_id: await slashTrigger(), view: modal });
    const viewId = view?.id ?? '';
    const short = { note: { note: { type: 'plain_text_input', value: 'ok' } } };
    const refused = await slack.submitView({ url: app.url, viewId, values: short });
    expect(refused).toMatchObject({ status: 200, responseUrl: '' });
    expect(refused.json).toEqual({ response_action: 'errors', errors: { note: 'Write a bit more' } });
    const [payload] = payloads;
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: { id: 'T0SANDBOX' },
      user: { id: 'U0AGENT' },
      api_app_id: 'A0SANDBOXAPP',
      trigger_id: refused.triggerId,
      view: { id: viewId, callback_id: 'follow_up', private_metadata: 'call c-1', state: { values: short } },
    });
    expect(payload).not.toHaveProperty('response_url');

    const values = { note: { note: { type: 'plain_text_input', value: 'called back' } } };
    const accepted = await slack.submitView({ url: app.url, viewId, values, userId: 'U0LEAD' });
    expect(accepted).toMatchObject({ status: 200, body: '', json: undefined });
    expect(payloads[1]).toMatchObject({ user: { id: 'U0LEAD' }, view: { state: { values } } });
    // The submission's trigger is a real one: the app may open another modal with it.
    expect((await client.views.open({ trigger_id: accepted.triggerId, view: modal })).ok).toBe(true);
  });

  test('an unknown view or block_id is a mistake in the test', async () => {
    await expect(slack.submitView({ url: app.url, viewId: 'V0NOPE', values: {} })).rejects.toThrow(
      'No view V0NOPE',
    );
    const { view } = await client.views.open({ trigger_id: await slashTrigger(), view: modal });
    const values = { nope: { note: { type: 'plain_text_input', value: 'x' } } };
    await expect(slack.submitView({ url: app.url, viewId: view?.id ?? '', values })).rejects.toThrow(
      'has no block_id nope',
    );
  });
});
