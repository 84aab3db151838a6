import { missedCallOfUui } from '@ccc-kit/cdr-parser';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CallCounts } from './call-row.ts';
import { aggregateCalls, type CallStats, createCallStats } from './call-stats.ts';
import type { StatsCall } from './records.ts';
import { arbitraryCall, cutsOf, sortedPercentile, splitAt } from './test-utils/arbitraries.ts';
import { WAIT_CAP_SECONDS } from './wait-histogram.ts';

const calls = fc.array(arbitraryCall, { maxLength: 120 });

/** Every additive number of a row (counts and totals; not rates, means, percentiles or max). */
function additive({ inbound: i, outbound: o }: CallCounts): number[] {
  const m = i.missed;
  return [
    i.offered,
    i.answered,
    m.total,
    m.noAgent,
    m.abandonedInQueue,
    m.abandonedInIvr,
    m.outsideHours,
    m.agentDidNotAnswer,
    m.other,
    i.voicemail,
    i.ivrOnly,
    i.aiHandled,
    i.blocked,
    i.failed,
    i.unknown,
    i.reachedQueue,
    i.answeredWithinServiceLevel,
    i.queueWait.count,
    i.queueWait.total,
    i.talk.count,
    i.talk.total,
    o.made,
    o.connected,
    o.notAnswered,
    o.blocked,
    o.failed,
    o.other,
    o.callbacks,
    o.callbacksConnected,
    o.talk.count,
    o.talk.total,
  ];
}

const ZERO = additive(createCallStats().result().totals);
const sumRows = (rows: readonly CallCounts[]): number[] =>
  rows.reduce<number[]>((sum, row) => additive(row).map((n, k) => n + (sum[k] ?? 0)), ZERO);

const inUnit = (rate: number | null, denominator: number): boolean =>
  denominator === 0 ? rate === null : rate !== null && rate >= 0 && rate <= 1;

/** The invariants every row (and the totals) must keep. */
function checkRow({ inbound: i, outbound: o }: CallCounts): void {
  const m = i.missed;
  expect(m.total).toBe(
    m.noAgent + m.abandonedInQueue + m.abandonedInIvr + m.outsideHours + m.agentDidNotAnswer + m.other,
  );
  expect(i.offered).toBe(i.answered + m.total + i.ivrOnly + i.aiHandled + i.blocked + i.failed + i.unknown);
  expect(i.reachedQueue).toBe(i.answered + m.noAgent + m.abandonedInQueue + m.agentDidNotAnswer);
  expect(i.queueWait.count).toBe(i.reachedQueue);
  expect(i.talk.count).toBe(i.answered);
  expect(i.answeredWithinServiceLevel).toBeLessThanOrEqual(i.answered);
  expect(i.voicemail).toBeLessThanOrEqual(m.total);
  expect(inUnit(i.answerRate, i.offered) && inUnit(i.serviceLevel, i.reachedQueue)).toBe(true);
  const { p50, p90, max } = i.queueWait;
  if (max !== null)
    expect((p50 ?? -1) <= (p90 ?? -1) && (p90 ?? -1) <= Math.min(max, WAIT_CAP_SECONDS)).toBe(true);
  expect(o.made).toBe(o.connected + o.notAnswered + o.blocked + o.failed + o.other);
  expect(
    o.callbacksConnected <= o.callbacks && o.callbacks <= o.made && o.callbacksConnected <= o.connected,
  ).toBe(true);
  expect(o.talk.count).toBe(o.connected);
  expect(inUnit(o.connectRate, o.made)).toBe(true);
}

const dimensions = (stats: CallStats) => [stats.bySkillGroup, stats.byAgent, stats.byNumber];

describe('call metrics (properties)', () => {
  test('answered + missed + the other buckets = offered, in every row; rates within 0–1', async () => {
    await fc.assert(
      fc.asyncProperty(calls, async (records) => {
        const stats = await aggregateCalls(records);
        for (const row of [stats.totals, ...stats.byHour, ...dimensions(stats).flat()]) checkRow(row);
      }),
    );
  });

  test('the totals match a plain count of the records', async () => {
    await fc.assert(
      fc.asyncProperty(calls, async (records) => {
        const { totals, calls: count } = await aggregateCalls(records);
        const inbound = records.filter((call) => call.direction === 'inbound');
        const outbound = records.filter((call) => call.direction === 'outbound');
        const waiting = new Set(['missed', 'abandoned_in_ivr', 'outside_hours', 'voicemail']);
        expect(count).toBe(records.length);
        expect(totals.inbound.offered).toBe(inbound.length);
        expect(totals.inbound.answered).toBe(inbound.filter((call) => call.outcome === 'answered').length);
        expect(totals.inbound.missed.total).toBe(inbound.filter((call) => waiting.has(call.outcome)).length);
        expect(totals.outbound.made).toBe(outbound.length);
        expect(totals.outbound.connected).toBe(outbound.filter((call) => call.outcome === 'answered').length);
        expect(totals.outbound.callbacks).toBe(outbound.filter((call) => missedCallOfUui(call.uui)).length);
      }),
    );
  });

  test('the rows of every breakdown add up to the totals (byHour: the dated calls)', async () => {
    await fc.assert(
      fc.asyncProperty(calls, fc.integer({ min: 1, max: 4 }), async (records, maxKeys) => {
        for (const options of [{}, { maxKeys }]) {
          const stats = await aggregateCalls(records, options);
          for (const rows of dimensions(stats)) expect(sumRows(rows)).toEqual(sumRows([stats.totals]));
          const dated = records.filter((call) => Number.isFinite(call.startedAt?.getTime() ?? Number.NaN));
          expect(sumRows(stats.byHour)).toEqual(sumRows([(await aggregateCalls(dated)).totals]));
          expect(stats.undated).toBe(records.length - dated.length);
        }
      }),
    );
  });

  test('p50, p90 and max of the queue wait equal a sort of the waits (capped at 2 h for percentiles)', async () => {
    const answered = arbitraryCall.map(
      (call): StatsCall => ({ ...call, direction: 'inbound', outcome: 'answered' }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(answered, { minLength: 1, maxLength: 200 }), async (records) => {
        const waits = records.map((call) => call.durations.queueWait + call.durations.ring);
        const capped = waits.map((wait) => Math.min(wait, WAIT_CAP_SECONDS));
        expect((await aggregateCalls(records)).totals.inbound.queueWait).toEqual({
          count: waits.length,
          total: waits.reduce((a, b) => a + b, 0),
          mean: waits.reduce((a, b) => a + b, 0) / waits.length,
          p50: sortedPercentile(capped, 50),
          p90: sortedPercentile(capped, 90),
          max: Math.max(...waits),
        });
      }),
    );
  });

  test('merging the aggregates of parts equals one pass', async () => {
    await fc.assert(
      fc.asyncProperty(
        calls.chain((records) => fc.tuple(fc.constant(records), cutsOf(records.length))),
        fc.constantFrom('UTC', 'Asia/Kolkata'),
        async ([records, cuts], timeZone) => {
          const parts = splitAt(records, cuts).map((part) => {
            const stats = createCallStats({ timeZone });
            for (const call of part) stats.add(call);
            return stats;
          });
          const merged = createCallStats({ timeZone });
          for (const part of parts) merged.merge(part);
          expect(merged.result()).toEqual(await aggregateCalls(records, { timeZone }));
        },
      ),
    );
  });

  test('with maxKeys, each breakdown keeps at most maxKeys keyed rows plus none and other; merged totals still match', async () => {
    await fc.assert(
      fc.asyncProperty(
        calls.chain((records) => fc.tuple(fc.constant(records), cutsOf(records.length))),
        fc.integer({ min: 1, max: 3 }),
        async ([records, cuts], maxKeys) => {
          const merged = createCallStats({ maxKeys });
          for (const part of splitAt(records, cuts)) {
            const stats = createCallStats({ maxKeys });
            for (const call of part) stats.add(call);
            merged.merge(stats);
          }
          const result = merged.result();
          for (const rows of dimensions(result)) {
            expect(rows.filter((row) => row.kind === 'key').length).toBeLessThanOrEqual(maxKeys);
            expect(rows.filter((row) => row.kind !== 'key').length).toBeLessThanOrEqual(2);
            expect(sumRows(rows)).toEqual(sumRows([result.totals]));
          }
          expect(result.totals).toEqual((await aggregateCalls(records)).totals);
        },
      ),
    );
  });
});
