import { describe, expect, test } from 'vitest';
import { toChatRecord } from './chat-record.ts';
import { isCdrParserError } from './errors.ts';
import { chatAnswered, imcdrPayload, T0 } from './test-utils/fixtures.ts';

describe('toChatRecord', () => {
  test('an answered chat: outcome, customer masked, agent, durations', () => {
    expect(toChatRecord(imcdrPayload(chatAnswered))).toMatchObject({
      kind: 'chat',
      sessionId: 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d',
      sdkAppId: 1400482256,
      outcome: 'answered',
      endStatus: { raw: 'ok', code: null, meaning: 'Normal end' },
      customer: { id: { raw: '8618655061639', masked: '+86 186****1639' }, nickname: 'Shannong' },
      agent: { name: null, email: 'shannon@qq.com', staffNumber: null },
      skillGroup: { id: 3067, name: 'Online customer service' },
      durations: { ivr: 10, queueWait: 2, ring: 8, talk: 250, total: 270 },
      ivrKeys: [{ key: '2', label: null }],
      remark: '',
      clientData: '{"orderId":"A-1"}',
      startedAt: new Date(T0 * 1000),
    });
  });

  test('timeline in order, the untimed bot keys right after the start', () => {
    expect(toChatRecord(imcdrPayload(chatAnswered)).timeline.map((e) => [e.type, e.text])).toEqual([
      ['started', 'Chat started by Shannong'],
      ['ivr_key', 'Pressed 2 in the bot menu'],
      ['queued', 'Queued in Online customer service'],
      ['ringing', 'Offered to an agent'],
      ['answered', 'Accepted by shannon@qq.com'],
      ['ended', 'Chat ended: Normal end'],
    ]);
  });

  test.each([
    ['autoFinished', 'timed_out'],
    ['seatForward', 'transferred'],
    ['noSeatOnline', 'missed'],
    ['ivrEnd', 'ivr_only'],
    ['error', 'failed'],
    ['brandNew', 'unknown'],
  ] as const)('IM end status %s → %s', (status, outcome) => {
    expect(toChatRecord(imcdrPayload({ ...chatAnswered, EndStatusString: status })).outcome).toBe(outcome);
  });

  test('a minimal chat: nothing happened, nothing invented', () => {
    const r = toChatRecord(imcdrPayload({ SessionId: 'c' }));
    expect(r).toMatchObject({ agent: null, skillGroup: null, startedAt: null, outcome: 'unknown' });
    expect(r.customer).toEqual({ id: { raw: '', masked: 'unknown' }, nickname: null });
    expect(r.timeline.map((e) => e.text)).toEqual(['Chat started by unknown', 'Chat ended: No end status']);
  });

  test('misuse throws CdrParserError', () => {
    try {
      toChatRecord(JSON.parse('{"UserId":"u"}'));
      expect.unreachable();
    } catch (error) {
      expect(isCdrParserError(error) && error.code).toBe('cdr_parser_invalid_input');
    }
  });
});
