import { toCallRecord, toChatRecord } from '@ccc-kit/cdr-parser';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { aggregateCalls, aggregateChats, type StatsCall, type StatsChat } from '@ccc-kit/stats';
import { median } from '../harness/measure.ts';
import { SMOKE } from '../harness/smoke.ts';
import type { Figure, FigureOutcome, Metric } from '../harness/types.ts';

const RECORDS = 150_000;
const ROUNDS = SMOKE ? 1 : 7;
/** Generating is slow (about 0.5 ms a call), so a few thousand generated sessions are repeated up to 150,000. */
const DATASET_CALLS = 5_000;
const DATASET_CHATS = 3_000;
const TIME_ZONE = 'Asia/Shanghai';
const START = 1_763_769_600; // 2025-11-22T00:00:00Z

/** `count` records cycling through `pool`, each its own shallow copy (as records read from a store would be). */
const repeat = <T extends object>(pool: readonly T[], count: number): T[] =>
  Array.from({ length: count }, (_, i) => ({ ...(pool[i % pool.length] as T) }));

/** A generated day of calls as the webhook builds them: every CDR push through `toCallRecord`, with its voicemail. */
function callRecords(): StatsCall[] {
  const { calls } = generateDataset({ seed: 20, calls: DATASET_CALLS, chats: 0, liveChats: 0, start: START });
  const records = calls.map((call) => toCallRecord(call.push, { voicemail: call.voicemail ?? undefined }));
  return repeat(records, RECORDS);
}

/** Generated chats through `toChatRecord`, rated with Desk's `SatisfactionSelected` of the same session. */
function chatRecords(): StatsChat[] {
  const { chats } = generateDataset({
    seed: 20,
    calls: 20,
    chats: DATASET_CHATS,
    liveChats: 0,
    start: START,
  });
  const records = chats.map((chat) => ({
    ...toChatRecord(chat.push),
    satisfaction: chat.imCdr.SatisfactionSelected ?? null,
  }));
  return repeat(records, RECORDS);
}

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** The baseline: one plain pass over the array that only counts (it reads one field so the loop cannot vanish). */
function countAnswered(records: readonly { outcome: string }[]): number {
  let answered = 0;
  for (const record of records) if (record.outcome === 'answered') answered += 1;
  return answered;
}

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Median milliseconds of both sides over `ROUNDS` rounds in ABBA order, so drift hits both alike. */
async function measure(baseline: () => unknown, product: () => Promise<unknown>): Promise<[number, number]> {
  const times: { baseline: number[]; product: number[] } = { baseline: [], product: [] };
  await product(); // warm-up: the first pass also compiles
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['baseline', 'product'] as const) : (['product', 'baseline'] as const);
    for (const side of order) times[side].push(await timed(side === 'baseline' ? baseline : product));
  }
  return [median(times.baseline), median(times.product)];
}

function metric(name: string, [baseline, product]: [number, number], dataset: string): Metric {
  return {
    name,
    unit: 'ms',
    baseline,
    product,
    ratio: product / baseline,
    target: { on: 'product', op: '<=', value: 2_000 },
    note: `median of ${ROUNDS} rounds; ${RECORDS.toLocaleString('en-US')} records (${dataset}); timeZone ${TIME_ZONE}`,
  };
}

/** Throws when an aggregate did not see every record: the figure would then measure nothing. */
function expectCount(what: string, counted: number): void {
  if (counted !== RECORDS) throw new Error(`${what} counted ${counted} records, expected ${RECORDS}`);
}

/** Figure: aggregating 150,000 records from an async iterable, against a plain counting loop. */
export const stats: Figure = {
  name: 'stats',
  title: 'Stats: aggregateCalls / aggregateChats of 150,000 records vs a plain counting loop',
  baselineLabel: 'a plain for…of over the same array that only counts answered records',
  productLabel: '@ccc-kit/stats aggregateCalls / aggregateChats over an async iterable of the same records',
  async run(context): Promise<FigureOutcome> {
    context.log(`stats: generating ${DATASET_CALLS.toLocaleString('en-US')} calls (outside the timed part)`);
    const calls = callRecords();
    const options = { timeZone: TIME_ZONE };
    expectCount('aggregateCalls', (await aggregateCalls(stream(calls), options)).calls);
    context.log(`stats: aggregateCalls, ${ROUNDS} rounds`);
    const callTimes = await measure(
      () => countAnswered(calls),
      () => aggregateCalls(stream(calls), options),
    );
    context.log(`stats: generating ${DATASET_CHATS.toLocaleString('en-US')} chats`);
    const chats = chatRecords();
    expectCount('aggregateChats', (await aggregateChats(stream(chats), options)).chats);
    context.log(`stats: aggregateChats, ${ROUNDS} rounds`);
    const chatTimes = await measure(
      () => countAnswered(chats),
      () => aggregateChats(stream(chats), options),
    );
    const iteration: number[] = [];
    for (let round = 0; round < 3; round++) iteration.push(await timed(() => drain(stream(calls))));
    return {
      status: 'ok',
      metrics: [
        metric(
          'aggregateCalls of 150,000 calls (async iterable)',
          callTimes,
          `${DATASET_CALLS.toLocaleString('en-US')} generated calls, repeated`,
        ),
        metric(
          'aggregateChats of 150,000 chats (async iterable)',
          chatTimes,
          `${DATASET_CHATS.toLocaleString('en-US')} generated chats, repeated`,
        ),
      ],
      details: { asyncIterationOnlyMs: median(iteration) },
    };
  },
};

/** Reads an async iterable to the end doing nothing: what the async transport alone costs. */
async function drain(records: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of records);
}
