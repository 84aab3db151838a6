import { parsePush, toChatRecord } from '@ccc-kit/cdr-parser';
import { type IMCdrInfo, parseImCdrPush } from '@ccc-kit/schemas';
import { chatSummaryMessage } from '@ccc-kit/slack-blocks';
import { describe, expect, test } from 'vitest';
import { chatPushBody, factsOfChat, prepareChat } from './chat-rows.ts';

/** The CLI example of DescribeIMCdrList's record (apis-wave-2 §6). */
const row: IMCdrInfo = {
  Id: '12933',
  Duration: 100,
  EndStatus: 1,
  Nickname: 'bar',
  Type: 2,
  StaffId: 'foo@tencent.com',
  Timestamp: 1632814604,
  SessionId: '87fa1d7a-4194-4f2a-83dc-d7c293411720',
  SkillGroupId: '1001',
  SkillGroupName: 'Support',
  Satisfaction: { Id: 1, Label: '满意' },
  ClientUserId: '8b997a86199ac962210017263',
};

const toChannel = () => [{ channel: 'C0CHATS' }];
/** The run's end: when the sample session (started 1632814604, 100 s long) had ended. */
const END = (1632814604 + 100) * 1000;

describe('a listed chat as an imcdr body', () => {
  test('carries what the record says, in the push fields, and is marked reconciled', () => {
    expect(chatPushBody(row)).toEqual({
      SessionId: row.SessionId,
      StartTimestamp: 1632814604,
      Duration: 100,
      QueuedSkillGroupId: 1001,
      QueuedSkillGroupName: 'Support',
      EndStatusString: 'ok',
      UserId: '8b997a86199ac962210017263',
      UserNickName: 'bar',
      SeatUser: { Mail: 'foo@tencent.com' },
      Reconciled: {
        From: 'DescribeIMCdrList',
        Id: '12933',
        EndStatus: 1,
        Type: 2,
        Satisfaction: { Id: 1, Label: '满意' },
      },
    });
  });

  test.each([
    [1, 'ok'],
    [3, 'noSeatOnline'],
    [17, 'seatGiveUp'],
    [101, 'seatForward'],
    [102, 'ivrGiveUp'],
    [108, 'autoFinished'],
    [0, undefined],
    [100, undefined],
    [109, undefined],
    [42, undefined],
  ])('EndStatus %i reads as %s (unknown codes are left out, not guessed)', (code, status) => {
    expect(chatPushBody({ ...row, EndStatus: code }).EndStatusString).toBe(status);
  });

  test('a skill-group id that is not a number, and missing values, are left out', () => {
    const body = chatPushBody({ SessionId: 's-1', SkillGroupId: 'g-7', SkillGroupName: 'Billing' });
    expect(body).toEqual({
      SessionId: 's-1',
      QueuedSkillGroupName: 'Billing',
      Reconciled: { From: 'DescribeIMCdrList' },
    });
  });

  test('renders like a pushed chat, without the times the list does not carry', () => {
    const record = toChatRecord(parseImCdrPush(chatPushBody(row)));
    // No end time is made up: the session is not shown as bot time it may not have been.
    expect(record).toMatchObject({ startedAt: new Date(1632814604_000), endedAt: null });
    expect(record.durations).toEqual({ ivr: 0, queueWait: 0, ring: 0, talk: 0, total: 0 });
    const text = JSON.stringify(chatSummaryMessage(record, { timeZone: 'UTC' }).blocks);
    expect(text).toContain(row.SessionId);
    expect(text).toContain('foo@tencent.com');
    expect(text).toContain('Support');
    expect(factsOfChat(parseImCdrPush(chatPushBody(row)))).toMatchObject({
      kind: 'imcdr',
      outcome: 'answered',
      skillGroupId: 1001,
      at: new Date(1632814604_000),
    });
  });
});

describe('prepareChat', () => {
  test('uses the key its push gets (the SessionId trimmed as the push parser trims it)', () => {
    const spaced = { ...row, SessionId: `  ${row.SessionId} ` };
    const prepared = prepareChat(spaced, 1, END, toChannel);
    if (!('item' in prepared)) throw new Error('expected an item');
    const push = parsePush({
      query: 'action=imcdr&version=1',
      body: JSON.stringify({ SessionId: spaced.SessionId }),
    });
    if (!push.ok) throw new Error(push.error.message);
    expect(prepared.item).toMatchObject({
      kind: 'imcdr',
      dedupeKey: push.push.dedupeKey,
      sessionId: row.SessionId,
      source: 'reconcile',
      pushId: null,
      deliveries: [{ channel: 'C0CHATS' }],
    });
  });

  test('skips a record without a SessionId; refuses one no push could carry, or one the router refuses', () => {
    expect(prepareChat({ ...row, SessionId: '' }, 1, END, toChannel)).toEqual({ skipped: true });
    const bad = prepareChat({ ...row, SessionId: 'bad session id' }, 1, END, toChannel);
    expect(bad).toMatchObject({ refused: { code: 'invalid_reconciled_row', message: /SessionId/ } });
    const unroutable = prepareChat(row, 1, END, () => {
      throw new Error('no rule');
    });
    expect(unroutable).toMatchObject({
      refused: { message: 'no rule' },
      body: JSON.stringify(chatPushBody(row)),
    });
  });

  test("skips a session that ended after the run's end: its richer push may still be on its way", () => {
    expect(prepareChat(row, 1, END - 1000, toChannel)).toEqual({ skipped: true });
    expect(prepareChat({ ...row, Duration: null }, 1, END - 1000, toChannel)).toHaveProperty('item');
  });
});
