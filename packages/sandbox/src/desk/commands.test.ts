import { parseDescribeChatMessagesResponse, parseDescribeImCdrListResponse } from '@ccc-kit/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DeskEmulator, startDeskEmulator } from './emulator.ts';
import { APP, chat, dataset, KEY, NOW_S, post } from './test-fixtures.ts';

const DAY = 86400;
const long = chat('long', { messages: 250, at: NOW_S - 5 * DAY });
const unknownType = chat('odd', { messages: 1, at: NOW_S - 4 * DAY });
// The schema's parsed form of an unknown element; the emulator must send the original type back.
unknownType.messages[0]?.MsgBody.splice(0, 1, {
  MsgType: 'TIMUnknownElem',
  OriginalMsgType: 'TIMStreamElem',
  MsgContent: { Chunk: 1 },
});
const chats = [
  long,
  unknownType,
  chat('u1-old', {
    at: NOW_S - 3 * DAY,
    user: 'u1',
    cs: '@cs1',
    state: { CurrentState: 'Agent', AgentId: 'a@x' },
  }),
  chat('u1-new', { at: NOW_S - 2 * DAY, user: 'u1', cs: '@cs1', state: { CurrentState: 'Queuing' } }),
  chat('u2', { at: NOW_S - DAY, user: 'u2', cs: '@cs2' }),
];

let desk: DeskEmulator;
beforeAll(async () => {
  desk = await startDeskEmulator({
    dataset: dataset(chats),
    sdkAppId: APP,
    secretKey: KEY,
    now: () => NOW_S * 1000,
  });
});
afterAll(() => desk.stop());

const messages = async (body: Record<string, unknown>) =>
  parseDescribeChatMessagesResponse((await post(desk.url, 'describe_chat_messages', body)).json);
const texts = (page: Awaited<ReturnType<typeof messages>>) =>
  page.Messages.map((m) =>
    m.MsgBody[0]?.MsgType === 'TIMTextElem' ? (m.MsgBody[0].MsgContent.Text ?? '') : '?',
  );

describe('describe_chat_messages', () => {
  test('defaults: newest first (Order 2), 20 per page, TotalCount of the whole session', async () => {
    const page = await messages({ SessionId: 'long' });
    expect(page.TotalCount).toBe(250);
    expect(texts(page)).toEqual(Array.from({ length: 20 }, (_, i) => `message ${249 - i}`));
  });

  test('Order 1 pages through all 250 messages oldest first without gaps or repeats', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 250; offset += 100)
      seen.push(...texts(await messages({ SessionId: 'long', Order: 1, Limit: 100, Offset: offset })));
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `message ${i}`));
    const pastEnd = await messages({ SessionId: 'long', Order: 1, Limit: 100, Offset: 250 });
    expect(pastEnd).toMatchObject({ TotalCount: 250, Messages: [] });
  });

  test('Order 2 with an offset continues from the newest end', async () => {
    const page = await messages({ SessionId: 'long', Order: 2, Limit: 3, Offset: 247 });
    expect(texts(page)).toEqual(['message 2', 'message 1', 'message 0']);
    expect(page.Messages[0]?.Timestamp).toBe((NOW_S - 5 * DAY + 2) * 1000);
  });

  test('unknown element types are served with their original MsgType', async () => {
    const { json } = await post(desk.url, 'describe_chat_messages', { SessionId: 'odd' });
    expect((json.Messages as { MsgBody: unknown[] }[])[0]?.MsgBody[0]).toEqual({
      MsgType: 'TIMStreamElem',
      MsgContent: { Chunk: 1 },
    });
  });

  test.each([
    [{ SessionId: 'nope' }, 141010],
    [{}, 141004],
    [{ SessionId: 'long', Limit: 101 }, 141004],
    [{ SessionId: 'long', Limit: 0 }, 141004],
    [{ SessionId: 'long', Limit: 2.5 }, 141004],
    [{ SessionId: 'long', Offset: -1 }, 141004],
    [{ SessionId: 'long', Order: 3 }, 141004],
    [{ SessionId: 'long', Limit: '10' }, 141004],
  ])('%j → %i', async (body, code) => {
    expect((await post(desk.url, 'describe_chat_messages', body)).json).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: code,
    });
  });
});

describe('describe_im_cdr_list', () => {
  const list = async (body: Record<string, unknown>) =>
    parseDescribeImCdrListResponse((await post(desk.url, 'describe_im_cdr_list', body)).json);
  const window = { StartTimestamp: NOW_S - 10 * DAY, EndTimestamp: NOW_S };

  test('returns sessions in the window, oldest first, paged', async () => {
    const all = await list(window);
    expect(all.TotalCount).toBe(5);
    expect(all.IMCdrList.map((r) => r.SessionId)).toEqual(['long', 'odd', 'u1-old', 'u1-new', 'u2']);
    const page = await list({ ...window, Limit: 2, Offset: 2 });
    expect(page).toMatchObject({
      TotalCount: 5,
      IMCdrList: [{ SessionId: 'u1-old' }, { SessionId: 'u1-new' }],
    });
  });

  test('window bounds are inclusive; ClientUserId filters', async () => {
    const exact = await list({ StartTimestamp: NOW_S - 2 * DAY, EndTimestamp: NOW_S - 2 * DAY });
    expect(exact.IMCdrList.map((r) => r.SessionId)).toEqual(['u1-new']);
    const u1 = await list({ ...window, ClientUserId: 'u1' });
    expect(u1.IMCdrList.map((r) => r.SessionId)).toEqual(['u1-old', 'u1-new']);
  });

  test.each([
    [{ ...{ StartTimestamp: NOW_S, EndTimestamp: NOW_S - 1 } }, 141004],
    [{ StartTimestamp: NOW_S }, 141004],
    [{ StartTimestamp: NOW_S - DAY, EndTimestamp: NOW_S, Limit: 500 }, 141004],
  ])('%j → %i', async (body, code) => {
    expect((await post(desk.url, 'describe_im_cdr_list', body)).json).toMatchObject({ ErrorCode: code });
  });
});

describe('get_session_state', () => {
  const state = async (body: Record<string, unknown>) =>
    (await post(desk.url, 'get_session_state', body)).json;

  test('by SessionId', async () => {
    expect(await state({ SessionId: 'u1-old' })).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      SessionId: 'u1-old',
      CurrentState: 'Agent',
      AgentId: 'a@x',
    });
  });

  test("by ClientUserId + CustomerServiceId: the customer's newest session", async () => {
    expect(await state({ ClientUserId: 'u1', CustomerServiceId: '@cs1' })).toMatchObject({
      ErrorCode: 0,
      SessionId: 'u1-new',
      CurrentState: 'Queuing',
      AgentId: '',
    });
  });

  test.each([
    ['unknown session', 141005, { SessionId: 'nope' }],
    ['ended session (no state)', 141005, { SessionId: 'u2' }],
    ['unknown customer', 141005, { ClientUserId: 'u9', CustomerServiceId: '@cs1' }],
    ['other customer-service account', 141005, { ClientUserId: 'u1', CustomerServiceId: '@cs2' }],
    ['ClientUserId alone', 141004, { ClientUserId: 'u1' }],
    ['empty body', 141004, {}],
  ])('%s → %i', async (_name, code, body) => {
    expect(await state(body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
  });
});
