import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { toCallRecord } from './call-record.ts';
import { toChatRecord } from './chat-record.ts';
import { isCdrParserError } from './errors.ts';
import type { CallRecord } from './record-types.ts';
import { summarize } from './summary.ts';
import {
  cdrPayload,
  chatAnswered,
  imcdrPayload,
  inboundMissed,
  inboundNoAgent,
  inboundOutsideHours,
  inboundTransferred,
  outboundBusy,
  T0,
  voicemailForNoAgent,
} from './test-utils/fixtures.ts';

const call = (wire: object): CallRecord => toCallRecord(cdrPayload(wire));
const withStatus = (wire: object, EndStatusString: string) => call({ ...wire, EndStatusString });

describe('summarize: titles and severities', () => {
  test.each([
    ['answered inbound', () => call(inboundTransferred), 'Answered inbound call · 3m 12s with Li Si', 'info'],
    ['missed inbound', () => call(inboundMissed), 'Missed inbound call · waited 2m 05s in Sales', 'warning'],
    ['not answered', () => call(outboundBusy), 'Outbound call not answered · busy', 'warning'],
    [
      'blocked',
      () => withStatus(inboundOutsideHours, 'blackList'),
      'Blocked inbound call · blocklist',
      'alert',
    ],
    ['failed', () => withStatus(outboundBusy, 'error'), 'Failed call · system error', 'alert'],
    [
      'voicemail',
      () => toCallRecord(cdrPayload(inboundNoAgent), { voicemail: voicemailForNoAgent }),
      'Voicemail from +86 184****7605',
      'warning',
    ],
    [
      'outside hours',
      () => call(inboundOutsideHours),
      'Inbound call outside working hours · from +86 138****5678',
      'warning',
    ],
    [
      'abandoned in IVR',
      () => withStatus(inboundOutsideHours, 'ivrGiveUp'),
      'Inbound call abandoned in IVR · after 20s',
      'warning',
    ],
    [
      'IVR only',
      () => withStatus(inboundOutsideHours, 'ivrEnd'),
      'Inbound call handled by IVR · 20s',
      'info',
    ],
    [
      'AI agent',
      () => withStatus(inboundOutsideHours, 'aiAgentEndCall'),
      'Inbound call handled by AI agent · 20s',
      'info',
    ],
    [
      'missed, no wait',
      () => withStatus(inboundOutsideHours, 'noSeatOnline'),
      'Missed inbound call · no agent online',
      'warning',
    ],
    [
      'answered outbound',
      () =>
        call({ ...outboundBusy, AcceptTimestamp: T0 + 5, EndedTimestamp: T0 + 130, EndStatusString: 'ok' }),
      'Answered outbound call · 2m 05s with +1 415***0134',
      'info',
    ],
    [
      'unknown status',
      () => withStatus(inboundMissed, 'quantumTunnel'),
      'Inbound call ended · unknown status quantumTunnel',
      'warning',
    ],
    [
      'seed sample',
      () => call(JSON.parse(repairedSamples.cdrPushSeed)),
      'Outbound call not answered · number does not exist',
      'warning',
    ],
    [
      'chat',
      () => toChatRecord(imcdrPayload(chatAnswered)),
      'Chat ended · 4m 10s with shannon@qq.com',
      'info',
    ],
    [
      'missed chat',
      () =>
        toChatRecord(imcdrPayload({ ...chatAnswered, EndStatusString: 'ringingGiveUp', AcceptTimestamp: 0 })),
      'Missed chat · waited 4m 20s in Online customer service',
      'warning',
    ],
    [
      'failed chat',
      () => toChatRecord(imcdrPayload({ ...chatAnswered, EndStatusString: 'error' })),
      'Failed chat · system error',
      'alert',
    ],
  ] as const)('%s', (_, record, title, severity) => {
    expect(summarize(record())).toMatchObject({ title, severity });
  });
});

describe('summarize: facts', () => {
  test('an inbound call: masked numbers, agent, group, durations, survey, time in the given zone', () => {
    expect(summarize(call(inboundTransferred), { timeZone: 'Asia/Shanghai' }).facts).toEqual([
      ['Call type', 'Inbound call'],
      ['From', '+86 138****5678'],
      ['To', '+86 755****5678'],
      ['Agent', 'Li Si · lisi@example.com · #1002'],
      ['Skill group', 'Sales (#11)'],
      ['End status', 'Normal call (ok)'],
      ['Hung up by', 'Customer'],
      ['Started', '2023-11-15 06:13:20 Asia/Shanghai'],
      ['IVR', '10s'],
      ['Queue wait', '2s'],
      ['Ringing', '23s'],
      ['Talk time', '3m 12s'],
      ['Total', '3m 47s'],
      ['Transfers', '1'],
      ['Satisfaction', '1 · Very satisfied'],
      ['IVR keys', '1 (Sales)'],
      ['Location', 'Shenzhen, Guangdong, China'],
      ['Recording', 'Available'],
      ['Session', 'in-transferred'],
    ]);
  });

  test('free text is masked and cut; UTC by default; the title stays within a Slack header', () => {
    const remark = `call back on 13812345678 ${'x'.repeat(500)}`;
    const group = `Group ${'y'.repeat(300)}`;
    const summary = summarize(call({ ...inboundMissed, UserRemark: remark, QueuedSkillGroupName: group }));
    const facts = Object.fromEntries(summary.facts);
    expect(facts.Remark).toMatch(/^call back on 138\*\*\*\*5678 x+…$/);
    expect(facts.Remark).toHaveLength(300);
    expect(facts.Started).toBe('2023-11-14 22:13:20 UTC');
    expect(summary.title.length).toBeLessThanOrEqual(150);
  });

  test('a chat: customer nickname with the masked id', () => {
    const facts = Object.fromEntries(summarize(toChatRecord(imcdrPayload(chatAnswered))).facts);
    expect(facts).toMatchObject({
      Customer: 'Shannong · +86 186****1639',
      'Chat time': '4m 10s',
      'Bot keys': '2',
    });
  });

  test('an unknown time zone or a non-record is a programming error', () => {
    for (const run of [
      () => summarize(call(inboundMissed), { timeZone: 'Mars/Olympus_Mons' }),
      () => summarize({} as CallRecord),
    ]) {
      try {
        run();
        expect.unreachable();
      } catch (error) {
        expect(isCdrParserError(error)).toBe(true);
      }
    }
  });
});
