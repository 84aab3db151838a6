import { toCallFacts, toCallRecord } from '@ccc-kit/cdr-parser';
import { describe, expect, test } from 'vitest';
import { aggregateCalls, createCallStats } from './call-stats.ts';
import type { StatsCall } from './records.ts';
import {
  docLegacy,
  docSeed,
  inboundMissed,
  inboundNoAgent,
  inboundOutsideHours,
  inboundProtected,
  inboundTransferred,
  outboundCallback,
  payloadOf,
  voicemailForNoAgent,
} from './test-utils/pushes.ts';

/** The buckets that partition offered calls. */
const BUCKETS = [
  'answered',
  'missed.noAgent',
  'missed.abandonedInQueue',
  'missed.abandonedInIvr',
  'missed.outsideHours',
  'missed.agentDidNotAnswer',
  'missed.other',
  'ivrOnly',
  'aiHandled',
  'blocked',
  'failed',
  'unknown',
];

const cdrs = [docSeed, docLegacy, inboundTransferred, inboundMissed, inboundOutsideHours, inboundProtected];
const voicemail = payloadOf('voicemail', voicemailForNoAgent);
const records = (): StatsCall[] => [
  ...cdrs.map((body) => toCallRecord(payloadOf('cdr', body))),
  toCallRecord(payloadOf('cdr', inboundNoAgent), { voicemail }),
  toCallRecord(payloadOf('cdr', outboundCallback)),
];

describe('aggregateCalls', () => {
  describe('hand-computed fixtures from real pushes', () => {
    test('inbound totals: offered, answered, missed by cause, rates, waits, talk', async () => {
      const { totals, calls, undated } = await aggregateCalls(records());
      expect({ calls, undated }).toEqual({ calls: 8, undated: 0 });
      expect(totals.inbound).toEqual({
        offered: 5,
        answered: 2,
        missed: {
          total: 3,
          noAgent: 1,
          abandonedInQueue: 1,
          abandonedInIvr: 0,
          outsideHours: 1,
          agentDidNotAnswer: 0,
          other: 0,
        },
        voicemail: 1,
        ivrOnly: 0,
        aiHandled: 0,
        blocked: 0,
        failed: 0,
        unknown: 0,
        // The two answered, the abandoned and the no-agent call queued; the closed-hours one never did.
        reachedQueue: 4,
        // Waits 25 s (transferred: queue +10 → answer +35), 5 s (protected), 125 s (gave up), 55 s (no agent).
        answeredWithinServiceLevel: 1,
        answerRate: 0.4,
        serviceLevel: 0.25,
        queueWait: { count: 4, total: 210, mean: 52.5, p50: 25, p90: 125, max: 125 },
        talk: { count: 2, total: 192 + 60, mean: 126 },
      } satisfies typeof totals.inbound);
    });

    test('outbound totals: made, connected, callbacks', async () => {
      const { totals } = await aggregateCalls(records());
      expect(totals.outbound).toEqual({
        made: 3,
        connected: 1,
        notAnswered: 1, // the doc sample: numberNotExist
        blocked: 0,
        failed: 1, // the legacy doc sample: error
        other: 0,
        callbacks: 1,
        callbacksConnected: 1,
        connectRate: 1 / 3,
        talk: { count: 1, total: 90, mean: 90 },
      } satisfies typeof totals.outbound);
    });

    test('a service level threshold of 25 s counts the transferred call too', async () => {
      const { totals } = await aggregateCalls(records(), { serviceLevelSeconds: 25 });
      expect(totals.inbound.serviceLevel).toBe(0.5);
    });

    test('by agent: email keys, name labels, largest first, then the calls without an agent', async () => {
      const { byAgent } = await aggregateCalls(records());
      expect(
        byAgent.map((row) => [row.key, row.label, row.kind, row.inbound.offered, row.outbound.made]),
      ).toEqual([
        ['zhangsan@example.com', 'Zhang San', 'key', 1, 1],
        ['lisi@example.com', 'Li Si', 'key', 1, 0],
        ['lululing@tencent.com', 'lululing', 'key', 0, 1],
        ['zhangsan@tencent.con', 'Zhang San', 'key', 0, 1],
        ['', 'No agent', 'none', 3, 0],
      ]);
    });

    test('by skill group and by our number', async () => {
      const stats = await aggregateCalls(records());
      expect(
        stats.bySkillGroup.map((row) => [row.key, row.label, row.inbound.offered + row.outbound.made]),
      ).toEqual([
        ['11', 'Sales', 4],
        ['1072', '#1072', 1],
        ['2734', 'consultant outbound call', 1],
        ['', 'No skill group', 2],
      ]);
      expect(
        stats.byNumber.map((row) => [row.key, row.label, row.inbound.offered, row.outbound.made]),
      ).toEqual([
        ['8675512345678', '+8675512345678', 4, 1],
        ['862066247698', '+862066247698', 0, 1],
        ['86400***6666', '86400***6666', 0, 1], // Tencent's masking of the doc sample kept as `*`
        ['864001234567', '+864001234567', 1, 0],
      ]);
    });

    test('by hour of day, in UTC and in Asia/Shanghai', async () => {
      const hours = (stats: { byHour: readonly { key: string; inbound: { offered: number } }[] }) =>
        Object.fromEntries(
          stats.byHour.filter((row) => row.inbound.offered > 0).map((r) => [r.key, r.inbound.offered]),
        );
      const utc = await aggregateCalls(records());
      expect(utc.byHour.map((row) => row.key)).toEqual(
        [...Array(24).keys()].map((h) => String(h).padStart(2, '0')),
      );
      expect(hours(utc)).toEqual({ '22': 5 });
      expect(utc.byHour[8]?.outbound.made).toBe(1); // the doc sample, 08:14:28 UTC
      const shanghai = await aggregateCalls(records(), { timeZone: 'Asia/Shanghai' });
      expect(hours(shanghai)).toEqual({ '06': 5 });
      expect(shanghai.byHour[16]?.outbound.made).toBe(1); // 16:14:28 in Shanghai, as cdr-parser's README shows
      expect(shanghai.byHour[7]?.outbound.callbacks).toBe(1);
      expect(shanghai.timeZone).toBe('Asia/Shanghai');
    });
  });

  test.each([
    ['noSeatOnline', 'missed.noAgent'],
    ['waitingGiveUp', 'missed.abandonedInQueue'],
    ['ivrGiveUp', 'missed.abandonedInIvr'],
    ['notWorkTime', 'missed.outsideHours'],
    ['seatGiveUp', 'missed.agentDidNotAnswer'],
    ['ringingGiveUp', 'missed.agentDidNotAnswer'],
    ['unconnected', 'missed.other'],
    ['ok', 'answered'],
    ['seatForward', 'answered'],
    ['ivrEnd', 'ivrOnly'],
    ['blackList', 'blocked'],
    ['userHangupDuringAiCall', 'aiHandled'],
    ['clientError', 'failed'],
    ['voipClientError', 'failed'],
    ['notAnswer', 'unknown'], // an outbound status on an inbound call
    ['somethingNew', 'unknown'],
  ])('an inbound call ending %s counts in inbound.%s', async (status, path) => {
    const call = toCallFacts(payloadOf('cdr', { ...inboundMissed, EndStatusString: status }));
    const { inbound } = (await aggregateCalls([call])).totals;
    const counted = BUCKETS.filter(
      (bucket) =>
        bucket.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], inbound) === 1,
    );
    expect(counted).toEqual([path]);
  });

  describe('createCallStats', () => {
    test('result() can be read between adds', () => {
      const stats = createCallStats();
      const [first, second] = records();
      stats.add(first as StatsCall);
      expect(stats.result().calls).toBe(1);
      stats.add(second as StatsCall);
      expect(stats.result().calls).toBe(2);
    });

    test('an empty aggregate has null rates and waits, not NaN', () => {
      const { totals } = createCallStats().result();
      expect(totals.inbound.answerRate).toBeNull();
      expect(totals.inbound.serviceLevel).toBeNull();
      expect(totals.outbound.connectRate).toBeNull();
      expect(totals.inbound.queueWait).toEqual({
        count: 0,
        total: 0,
        mean: null,
        p50: null,
        p90: null,
        max: null,
      });
      expect(totals.inbound.talk.mean).toBeNull();
    });
  });
});
