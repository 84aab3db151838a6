import {
  type CallFacts,
  type CallRecord,
  type ChatRecord,
  toCallFacts,
  toCallRecord,
} from '@ccc-kit/cdr-parser';
import { describe, expect, test } from 'vitest';
import { aggregateCalls } from './call-stats.ts';
import type { StatsCall, StatsChat } from './records.ts';
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

const cdrs = [docSeed, docLegacy, inboundTransferred, inboundMissed, inboundOutsideHours, inboundProtected];
const voicemail = payloadOf('voicemail', voicemailForNoAgent);
const records = (): StatsCall[] => [
  ...cdrs.map((body) => toCallRecord(payloadOf('cdr', body))),
  toCallRecord(payloadOf('cdr', inboundNoAgent), { voicemail }),
  toCallRecord(payloadOf('cdr', outboundCallback)),
];

describe('aggregateCalls input', () => {
  test('cdr-parser records fit the input types as they are (tsc checks the assignments)', () => {
    const asCall = (record: CallRecord | CallFacts): StatsCall => record;
    const asChat = (record: ChatRecord): StatsChat => record;
    expect([asCall, asChat]).toHaveLength(2);
  });

  test('CallFacts count alike; callbacks need the Uui added', async () => {
    const facts = [...cdrs, outboundCallback].map((body) => toCallFacts(payloadOf('cdr', body)));
    const fromFacts = await aggregateCalls(facts);
    expect(fromFacts.totals.outbound.callbacks).toBe(0);
    const withUui = [...cdrs, outboundCallback].map((body) => {
      const payload = payloadOf('cdr', body);
      return { ...toCallFacts(payload), uui: payload.Uui };
    });
    const fromRecords = await aggregateCalls(records().filter((call) => call.outcome !== 'voicemail'));
    expect(await aggregateCalls(withUui)).toEqual(fromRecords);
  });

  test('an async iterable gives the same result as an array', async () => {
    async function* stream(): AsyncGenerator<StatsCall> {
      for (const call of records()) {
        await new Promise((resolve) => setImmediate(resolve));
        yield call;
      }
    }
    expect(await aggregateCalls(stream())).toEqual(await aggregateCalls(records()));
  });

  test('the result is plain JSON', async () => {
    const stats = await aggregateCalls(records());
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  test('a call without a start time is counted everywhere but byHour', async () => {
    const [first] = records();
    const stats = await aggregateCalls([{ ...(first as StatsCall), startedAt: null }]);
    expect(stats.undated).toBe(1);
    expect(stats.byHour.every((row) => row.outbound.made === 0)).toBe(true);
    expect(stats.byAgent[0]?.outbound.made).toBe(1);
  });
});

describe('bounded memory', () => {
  test('20,000 distinct agents with maxKeys 10: 10 rows of their own, the rest in other', async () => {
    function* many(): Generator<StatsCall> {
      for (let n = 0; n < 20_000; n++)
        yield {
          direction: 'inbound',
          outcome: 'answered',
          endStatus: { raw: 'ok' },
          skillGroup: null,
          agent: { name: null, email: `agent${n}@example.com`, staffNumber: null },
          startedAt: new Date(n * 60_000),
          durations: { queueWait: n % 30, ring: 2, talk: 60 },
          caller: '',
          callee: `0086400${String(n).padStart(7, '0')}`,
        };
    }
    const stats = await aggregateCalls(many(), { maxKeys: 10 });
    expect(stats.byAgent.map((row) => row.kind)).toEqual([...Array(10).fill('key'), 'other']);
    expect(stats.byAgent.at(-1)?.inbound.offered).toBe(19_990);
    expect(stats.byNumber.length).toBe(11);
    expect(stats.totals.inbound.queueWait.p90).toBe(28); // waits 2…31 s, equally often: the 27th of 30 values
  });
});
