import { ErrorCode } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

let slack: SlackEmulator;

beforeAll(async () => {
  slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const metadata = { event_type: 'ccc_outbox', event_payload: { outbox_id: 1 } };
const post = { channel: 'C0CALLS', text: 'Call ended', metadata };

describe('the accepted-lost fault', () => {
  test('reset: the message is stored, the client sees a request error, the log says it succeeded', async () => {
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' });
    const client = emulatorClient(slack);
    const error = await rejectionOf(client.chat.postMessage(post));
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(slack.messages('C0CALLS')).toMatchObject([{ text: 'Call ended', metadata }]);
    expect(slack.requests('chat.postMessage')).toMatchObject([
      { fault: 'accepted-lost', ok: true, status: 0, error: undefined },
    ]);
    // What a webhook does next: find its message by metadata instead of posting it twice.
    const history = await client.conversations.history({ channel: 'C0CALLS', include_all_metadata: true });
    expect(history.messages?.map((m) => m.metadata)).toEqual([metadata]);
    // The fault is used up: the next post is answered normally.
    expect((await client.chat.postMessage(post)).ok).toBe(true);
  });

  test('timeout: the client gives up first; the answer held back is dropped with the connection', async () => {
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'timeout' });
    const client = emulatorClient(slack, { timeout: 100 });
    const error = await rejectionOf(client.chat.postMessage(post));
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(slack.messages('C0CALLS')).toHaveLength(1);
    await vi.waitFor(() =>
      expect(slack.requests('chat.postMessage')).toMatchObject([
        { fault: 'accepted-lost', ok: true, status: 0 },
      ]),
    );
  });

  test('timeout with ms: a patient client gets the answer late', async () => {
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'timeout', ms: 30 });
    const result = await emulatorClient(slack).chat.postMessage(post);
    expect(result.ok).toBe(true);
    expect(slack.requests('chat.postMessage')).toMatchObject([{ fault: 'accepted-lost', status: 200 }]);
  });

  test('a refused call stays refused: the lost answer is the error', async () => {
    slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' });
    const client = emulatorClient(slack);
    await rejectionOf(client.chat.postMessage({ ...post, channel: '#nope' }));
    expect(slack.requests('chat.postMessage')).toMatchObject([
      { fault: 'accepted-lost', ok: false, error: 'channel_not_found', status: 0 },
    ]);
  });
});
