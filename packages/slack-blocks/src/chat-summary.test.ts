import { toChatRecord } from '@ccc-kit/cdr-parser';
import { parseImCdrPush } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { chatSummaryMessage } from './chat-summary.ts';
import { seedImCdr } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

describe('chatSummaryMessage', () => {
  test('the seed chat (Desk sample values): answered by Shannon', () => {
    expect(wireView(chatSummaryMessage(toChatRecord(seedImCdr)))).toMatchInlineSnapshot(`
      "text: Chat ended · 10s with Shannon (customer 山浓 (129***4544))
      [header] :white_check_mark: Chat ended · 10s with Shannon
      [field] *Customer* = 山浓 (129***4544)
      [field] *Agent* = Shannon (shannon@qq.com)
      [field] *Skill group* = 在线客服 (#3067)
      [field] *Bot time* = 2s
      [field] *Queue wait* = 2s
      [field] *Chat time* = 10s
      [field] *End reason* = Normal end
      [context] Chat session \`a97d3e1f-a88b-403b-9b3a-7bc6554ea05d\` | <!date^1730443120^{date_short_pretty} {time_secs}|2024-11-01 06:38:40 UTC>"
    `);
  });

  test('a missed chat with no agent and a hostile nickname', () => {
    const push = parseImCdrPush({
      SessionId: 'chat-2',
      StartTimestamp: 1763632800,
      QueuedTimestamp: 1763632805,
      EndedTimestamp: 1763632900,
      EndStatusString: 'noSeatOnline',
      UserId: '8613812345678',
      UserNickName: '<!here> free money',
    });
    const message = chatSummaryMessage(toChatRecord(push), { timeZone: 'Europe/Paris' });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Missed chat · waited 1m 35s (customer &lt;!here&gt; free money (+86 138****5678))
      [header] :warning: Missed chat · waited 1m 35s
      [section] :warning: *Needs follow-up:* No agent online
      [field] *Customer* = &lt;!here&gt; free money (+86 138****5678)
      [field] *Agent* = _No agent_
      [field] *Bot time* = 5s
      [field] *Queue wait* = 1m 35s
      [field] *Chat time* = Not connected
      [field] *End reason* = No agent online
      [context] Chat session \`chat-2\` | <!date^1763632800^{date_short_pretty} {time_secs}|2025-11-20 11:00:00 Europe/Paris>"
    `);
    expect(JSON.stringify(message.blocks.filter((b) => b.type !== 'header'))).not.toContain('<!here>');
  });

  test('a nickname and a remark holding phone numbers are masked in the details, as in the title', () => {
    const push = parseImCdrPush({
      SessionId: 'chat-3',
      StartTimestamp: 1763632800,
      EndedTimestamp: 1763632900,
      EndStatusString: 'ok',
      UserId: 'u-77',
      UserNickName: 'Wang 13912345678',
      UserRemark: 'VIP, call back on 13912345678',
    });
    const shown = JSON.stringify(chatSummaryMessage(toChatRecord(push)));
    expect(shown).toContain('Wang 139****5678 (u-77)');
    expect(shown).toContain('VIP, call back on 139****5678');
    expect(shown).not.toContain('13912345678');
    const trusted = JSON.stringify(chatSummaryMessage(toChatRecord(push), { showNumbers: true }));
    expect(trusted).toContain('Wang 13912345678 (u-77)');
    expect(trusted).toContain('call back on 13912345678');
  });
});
