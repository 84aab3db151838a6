import { toCallRecord } from '@ccc-kit/cdr-parser';
import { parseCdrPush } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { callSummaryMessage } from './call-summary.ts';
import { missedNoAgentCdr, seedCdr } from './test-utils/records.ts';
import { wireView } from './test-utils/view.ts';

const fieldLines = (view: string): string[] => view.split('\n').filter((line) => line.includes('[field]'));

const queuedAt = missedNoAgentCdr.QueuedTimestamp ?? 0;
const answeredInbound = parseCdrPush({
  ...missedNoAgentCdr,
  SessionId: 'a0a0a0a0-0000-4000-8000-000000000001',
  EndStatusString: 'ok',
  RingTimestamp: queuedAt + 35,
  AcceptTimestamp: queuedAt + 40,
  EndedTimestamp: queuedAt + 400,
  SeatUser: { Name: 'Wang Fang', Mail: 'wangfang@example.com', StaffNumber: '1001' },
});

describe('compact posts (the default) and style: full', () => {
  test('a missed call: only the number; the wait and the group are in the title, no "No agent"', () => {
    const view = wireView(callSummaryMessage(toCallRecord(missedNoAgentCdr)));
    expect(view).toMatch(/\[header\] :warning: Missed inbound call · waited .+ in /);
    expect(fieldLines(view)).toEqual([expect.stringMatching(/^\[field\] \*From\* = \+86 \d{3}\*{4}\d{4}$/)]);
    expect(view).not.toMatch(/No agent|Not connected|End reason|Hung up by/);
  });

  test('an answered inbound call: the number, the group and the wait; the agent is in the title', () => {
    const view = wireView(callSummaryMessage(toCallRecord(answeredInbound)));
    expect(view).toContain('with Wang Fang');
    expect(fieldLines(view).map((line) => line.replace(/ = .*/, ''))).toEqual([
      '[field] *From*',
      '[field] *Skill group*',
      '[field] *Waited*',
    ]);
  });

  test('an outbound call: the customer as To, and the agent who dialled', () => {
    const lines = fieldLines(wireView(callSummaryMessage(toCallRecord(seedCdr))));
    expect(lines).toEqual([
      '[field] *To* = +86 184****7605',
      '[field] *Agent* = Zhang San',
      '[field] *Skill group* = consultant outbound call (#2734)',
    ]);
  });

  test('full keeps every field, whatever the title says', () => {
    const lines = fieldLines(wireView(callSummaryMessage(toCallRecord(missedNoAgentCdr), { style: 'full' })));
    expect(lines.map((line) => line.replace(/ = .*/, ''))).toEqual([
      '[field] *Caller*',
      '[field] *Called number*',
      '[field] *Agent*',
      '[field] *Skill group*',
      '[field] *Queue wait*',
      '[field] *Talk time*',
      '[field] *End reason*',
      '[field] *Hung up by*',
    ]);
  });

  test('showNumbers shows the full number in compact posts too', () => {
    const view = wireView(callSummaryMessage(toCallRecord(missedNoAgentCdr), { showNumbers: true }));
    expect(fieldLines(view)).toEqual([`[field] *From* = ${missedNoAgentCdr.Caller}`]);
  });
});
