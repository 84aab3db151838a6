import type { DeskEmulator } from '@ccc-kit/sandbox/desk';
import type { ChatMessage } from '@ccc-kit/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { caught, chat, clientFor, recordingFetch, startDesk, T0 } from './test-utils/desk-sandbox.ts';

const DAY = 86400;
const long = chat('long', { messages: 250, at: T0 - 5 * DAY });
// Deliberately malformed messages, served as stored: no MsgBody at all, and an element type unknown today.
const odd = chat('odd', { messages: 2, at: T0 - 4 * DAY });
const oddMessages = [
  { FromAccount: 'u', FromAccountRole: 1, Timestamp: 1 },
  {
    FromAccount: 'u',
    FromAccountRole: 1,
    Timestamp: 2,
    MsgBody: [{ MsgType: 'TIMStreamElem', MsgContent: { X: 1 } }],
  },
] as unknown as ChatMessage[];
const sessions = Array.from({ length: 7 }, (_, i) =>
  chat(`s${i}`, { at: T0 - DAY + i, user: i < 3 ? 'vip' : `u${i}` }),
);

let desk: DeskEmulator;
beforeAll(async () => {
  desk = await startDesk([
    long,
    { ...odd, messages: oddMessages },
    ...sessions,
    chat('live', { at: T0 - 60, user: 'cu', state: { CurrentState: 'Agent', AgentId: 'agent@example.com' } }),
  ]);
});
afterAll(() => desk.stop());
let before = 0;
beforeEach(() => {
  before = desk.requests().length;
});
const sent = () => desk.requests().slice(before);

describe('getTranscript / iterateChatMessages', () => {
  test('a 250-message transcript: all messages oldest first, in 3 pages of Order 1, Limit 100', async () => {
    const transcript = await clientFor(desk).getTranscript('long');
    expect(transcript).toHaveLength(250);
    expect(transcript.map((m) => m.Timestamp)).toEqual(long.messages.map((m) => m.Timestamp));
    expect(transcript[0]?.MsgBody[0]).toEqual({ MsgType: 'TIMTextElem', MsgContent: { Text: 'm0' } });
    expect(sent().map((r) => r.body)).toEqual([
      { SessionId: 'long', Order: 1, Limit: 100, Offset: 0 },
      { SessionId: 'long', Order: 1, Limit: 100, Offset: 100 },
      { SessionId: 'long', Order: 1, Limit: 100, Offset: 200 },
    ]);
  });

  test('iterateChatMessages newest first with a page size and start offset', async () => {
    const texts: unknown[] = [];
    const iterator = clientFor(desk).iterateChatMessages({
      sessionId: 'long',
      order: 'newest-first',
      limit: 40,
      offset: 200,
    });
    for await (const message of iterator) texts.push(message.MsgBody[0]?.MsgContent);
    expect(texts).toEqual(Array.from({ length: 50 }, (_, i) => ({ Text: `m${49 - i}` })));
    expect(sent().map((r) => (r.body as { Offset: number }).Offset)).toEqual([200, 240]);
  });

  test("getChatMessages returns one page and TotalCount; default order is Tencent's (no Order sent)", async () => {
    const page = await clientFor(desk).getChatMessages({ sessionId: 'long', limit: 2 });
    expect(page.totalCount).toBe(250);
    expect(page.items.map((m) => m.MsgBody[0]?.MsgContent)).toEqual([{ Text: 'm249' }, { Text: 'm248' }]);
    expect(sent()[0]?.body).toEqual({ SessionId: 'long', Limit: 2 });
  });

  test('malformed messages are handled as the schemas define: no MsgBody → [], unknown type → fallback', async () => {
    const [noBody, unknown] = await clientFor(desk).getTranscript('odd');
    expect(noBody?.MsgBody).toEqual([]);
    expect(unknown?.MsgBody).toEqual([
      { MsgType: 'TIMUnknownElem', OriginalMsgType: 'TIMStreamElem', MsgContent: { X: 1 } },
    ]);
  });

  test("an unknown session is DeskError 141010 with Tencent's message and a hint", async () => {
    const error = await caught(() => clientFor(desk).getTranscript('missing'));
    expect(error).toMatchObject({
      name: 'DeskError',
      code: 141010,
      command: 'describe_chat_messages',
      retryable: false,
    });
    expect(error.message).toContain('the session does not exist');
  });
});

describe('listSessions / iterateSessions', () => {
  const window = { startTimestamp: T0 - DAY, endTimestamp: T0 };

  test('iterates every page, with a filter', async () => {
    const ids: string[] = [];
    for await (const s of clientFor(desk).iterateSessions({ ...window, limit: 3 })) ids.push(s.SessionId);
    expect(ids).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 'live']);
    expect(sent()).toHaveLength(3);
    const vip = await clientFor(desk).listSessions({ ...window, clientUserId: 'vip' });
    expect(vip.totalCount).toBe(3);
    expect(sent()[3]?.body).toEqual({ StartTimestamp: T0 - DAY, EndTimestamp: T0, ClientUserId: 'vip' });
  });

  test.each([
    ['limit above 100', { limit: 101 }, 'limit must be an integer from 1 to 100'],
    ['limit 0', { limit: 0 }, 'limit must be an integer from 1 to 100'],
    ['fractional limit', { limit: 2.5 }, 'limit must be an integer'],
    ['negative offset', { offset: -1 }, 'offset must be an integer'],
    ['start after end', { startTimestamp: T0, endTimestamp: T0 - 1 }, 'is after endTimestamp'],
    ['milliseconds', { startTimestamp: T0 * 1000, endTimestamp: T0 * 1000 }, 'looks like milliseconds'],
  ])('%s is rejected before any request', async (_name, change, message) => {
    const client = clientFor(desk);
    const error = await caught(() => client.listSessions({ ...window, ...change }));
    expect(error).toMatchObject({ code: 'desk_client_invalid_argument', retryable: false });
    expect(error.message).toContain(message);
    await expect(async () => {
      for await (const _ of client.iterateSessions({ ...window, ...change })) break;
    }).rejects.toThrow(message);
    expect(() => client.iterateChatMessages({ sessionId: 'long', limit: 101 })).toThrow('limit must be');
    expect(sent()).toEqual([]);
  });
});

describe('getSessionState', () => {
  test('by session id and by customer + customer-service account', async () => {
    const client = clientFor(desk);
    const expected = { SessionId: 'live', CurrentState: 'Agent', AgentId: 'agent@example.com' };
    expect(await client.getSessionState({ sessionId: 'live' })).toMatchObject(expected);
    expect(await client.getSessionState({ clientUserId: 'cu', customerServiceId: '@cs' })).toMatchObject(
      expected,
    );
    expect(sent().map((r) => r.body)).toEqual([
      { SessionId: 'live' },
      { ClientUserId: 'cu', CustomerServiceId: '@cs' },
    ]);
  });

  test('an ended or unknown session is DeskError 141005', async () => {
    const error = await caught(() => clientFor(desk).getSessionState({ sessionId: 's1' }));
    expect(error).toMatchObject({
      code: 141005,
      command: 'get_session_state',
      hint: 'the session does not exist or has ended',
    });
  });
});

describe('request shape', () => {
  test('every request: POST, the five query parameters, a fresh uint32 random, a JSON body', async () => {
    const { fetch, urls } = recordingFetch();
    const client = clientFor(desk, { fetch });
    await client.getSessionState({ sessionId: 'live' });
    await client.getChatMessages({ sessionId: 'long' });
    await client.listSessions({ startTimestamp: T0 - DAY, endTimestamp: T0 });
    for (const record of sent()) {
      expect(record).toMatchObject({ method: 'POST', status: 200, errorCode: 0, hasUserSig: true });
      expect(Object.keys(record.query).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid']);
      expect(record.query).toMatchObject({
        contenttype: 'json',
        identifier: 'administrator',
        sdkappid: '1400000042',
      });
      expect(Number(record.query.random)).toBeLessThanOrEqual(4294967295);
      expect(typeof record.body).toBe('object');
    }
    expect(new Set(urls.map((u) => u.searchParams.get('random'))).size).toBe(3);
    expect(urls.map((u) => u.pathname)).toEqual([
      '/v4/desk_http_svc/get_session_state',
      '/v4/desk_http_svc/describe_chat_messages',
      '/v4/desk_http_svc/describe_im_cdr_list',
    ]);
  });
});
