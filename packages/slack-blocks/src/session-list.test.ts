import { toCallRecord, toChatRecord } from '@ccc-kit/cdr-parser';
import { parseDescribeImCdrListResponse } from '@ccc-kit/schemas';
import { samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { decodeActionValue } from './action-value.ts';
import { sessionListMessage } from './session-list.ts';
import { missedNoAgentCdr, seedCdr, seedImCdr } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

const list = parseDescribeImCdrListResponse(JSON.parse(samples.deskImCdrListResponse));
const window = { start: 1730390400, end: 1730476799 };

describe('sessionListMessage', () => {
  test('the seed Desk list: one session, no More button', () => {
    const message = sessionListMessage(list.IMCdrList, {
      offset: 0,
      limit: 10,
      total: list.TotalCount,
      ...window,
    });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Sessions 1–1 of 1
      [header] Sessions 1–1 of 1
      [section] :speech_balloon: Chat with 山浓 · shannon@qq.com · Agent ended the session · 10s · ★★★★★ · <!date^1730443136^{date_short_pretty} {time_secs}|2024-11-01 06:38:56 UTC> · \`a97d3e1f-a88b-403b-9b3a-7bc6554ea05d\`
      [context] <!date^1730390400^{date_short_pretty} {time_secs}|2024-10-31 16:00:00 UTC> to <!date^1730476799^{date_short_pretty} {time_secs}|2024-11-01 15:59:59 UTC>"
    `);
  });

  test('records of calls and chats, with a More button carrying the next page', () => {
    const sessions = [toCallRecord(seedCdr), toCallRecord(missedNoAgentCdr), toChatRecord(seedImCdr)];
    const message = sessionListMessage(sessions, {
      offset: 3,
      limit: 3,
      total: 26,
      ...window,
      filter: '1299314544',
    });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Sessions 4–6 of 26
      [header] Sessions 4–6 of 26
      [section] :no_bell: Outbound call not answered · number does not exist · <!date^1677140068^{date_short_pretty} {time_secs}|2023-02-23 08:14:28 UTC> · \`99a1c8f8-eb3d-4xxx-8401-5f6aa8761232\`
      :warning: Missed inbound call · waited 2m 05s in Support · <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 10:00:00 UTC> · \`c0ffee00-0000-4000-8000-000000000001\`
      :white_check_mark: Chat ended · 10s with Shannon · <!date^1730443120^{date_short_pretty} {time_secs}|2024-11-01 06:38:40 UTC> · \`a97d3e1f-a88b-403b-9b3a-7bc6554ea05d\`
      [context] <!date^1730390400^{date_short_pretty} {time_secs}|2024-10-31 16:00:00 UTC> to <!date^1730476799^{date_short_pretty} {time_secs}|2024-11-01 15:59:59 UTC>
      [button] More (ccc_sessions_more) {"v":1,"offset":6,"limit":3,"start":1730390400,"end":1730476799,"filter":"1299314544"}"
    `);
    const more = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))[0];
    expect(decodeActionValue(more?.type === 'button' ? more.value : undefined)).toEqual({
      ok: true,
      value: { v: 1, offset: 6, limit: 3, ...window, filter: '1299314544' },
    });
  });

  test('without a total, a full page implies more', () => {
    const full = sessionListMessage(list.IMCdrList, { offset: 0, limit: 1, ...window });
    const partial = sessionListMessage(list.IMCdrList, { offset: 0, limit: 5, ...window });
    expect(JSON.stringify(full)).toContain('ccc_sessions_more');
    expect(JSON.stringify(partial)).not.toContain('ccc_sessions_more');
  });

  test('an empty page', () => {
    expect(
      wireView(sessionListMessage([], { offset: 0, limit: 10, total: 0, ...window })),
    ).toMatchInlineSnapshot(`
      "text: No sessions found
      [header] No sessions found
      [section] _No sessions in this time range._
      [context] <!date^1730390400^{date_short_pretty} {time_secs}|2024-10-31 16:00:00 UTC> to <!date^1730476799^{date_short_pretty} {time_secs}|2024-11-01 15:59:59 UTC>"
    `);
  });

  test('rows that do not fit one message go to the next page', () => {
    const many = Array.from(
      { length: 100 },
      (_, i) => ({ ...list.IMCdrList[0], SessionId: `s-${i}` }) as (typeof list.IMCdrList)[number],
    );
    const message = sessionListMessage(many, { offset: 0, limit: 100, total: 250, ...window });
    const shown = message.text.match(/^Sessions 1–(\d+) of 250$/)?.[1];
    expect(Number(shown)).toBeGreaterThan(10);
    expect(Number(shown)).toBeLessThan(100);
    const more = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))[0];
    const value = decodeActionValue(more?.type === 'button' ? more.value : undefined);
    expect(value.ok && 'offset' in value.value && value.value.offset).toBe(Number(shown));
  });

  test('a Desk session still open reads "In progress", without a duration', () => {
    const open = { ...list.IMCdrList[0], EndStatus: '', Duration: 42 } as (typeof list.IMCdrList)[number];
    const line = JSON.stringify(sessionListMessage([open], { offset: 0, limit: 10, total: 1, ...window }));
    expect(line).toContain('Chat with 山浓 · shannon@qq.com · In progress · ★★★★★');
    expect(line).not.toContain('Unknown end status');
    expect(line).not.toContain('42s');
  });

  test('a nickname that holds a phone number is masked unless showNumbers', () => {
    const row = {
      ...list.IMCdrList[0],
      ClientUserNickName: 'Li 13812345678',
    } as (typeof list.IMCdrList)[number];
    const page = { offset: 0, limit: 10, total: 1, ...window };
    expect(JSON.stringify(sessionListMessage([row], page))).toContain('Chat with Li 138****5678');
    expect(JSON.stringify(sessionListMessage([row], page, { showNumbers: true }))).toContain(
      'Chat with Li 13812345678',
    );
  });
});
