// Benchmark (not a test): parsePush of the seed CDR vs JSON.parse of the same text, side by side.
// Run after `pnpm build`: `pnpm --filter @ccc-kit/cdr-parser bench`. Target: ratio <= 2.
import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { parsePush } from '../dist/index.mjs';

const TARGET_RATIO = 2;
// `node bench/parse.bench.mjs --rounds=15 --iterations=50000` for a longer, steadier run.
const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ROUNDS = arg('rounds', 21);
const ITERATIONS = arg('iterations', 5_000);

/** The seed CDR and a ~3 KB variant of it (a call transferred twice), as Tencent would send them. */
const seed = repairedSamples.cdrPushSeed;
const seedObject = JSON.parse(seed);
const leg = seedObject.ServeParticipants[0];
const transferred = JSON.stringify(
  {
    ...seedObject,
    ServeParticipants: [0, 1, 2].map((i) => ({ ...leg, Sequence: i, TransferFrom: i ? leg.Mail : '' })),
    IVRKeyPressedEx: [{ Key: '1', Label: 'Sales', Timestamp: 1677140070000 }],
  },
  null,
  1,
);
const query = new URLSearchParams('action=cdr&version=1');
const headers = { 'x-tccc-push-uuid': '2b8f0f4e-5d2a-4c7e-9a61-0c0b7d1f5e11' };

let sink = 0;
const cases = {
  'JSON.parse': (text) => {
    sink += Object.keys(JSON.parse(text)).length;
  },
  parsePush: (text) => {
    const result = parsePush({ query, headers, body: text });
    if (!result.ok) throw new Error(result.error.message);
    sink += result.push.dedupeKey.length;
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Nanoseconds per call of both cases, measured in back-to-back pairs so that a noisy neighbour slows both
 * sides of a pair alike; the ratio is the median of the per-pair ratios.
 */
function measure(text) {
  const times = { 'JSON.parse': [], parsePush: [] };
  const ratios = [];
  for (const fn of Object.values(cases)) for (let i = 0; i < ITERATIONS; i++) fn(text);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(cases)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < ITERATIONS; i++) fn(text);
      times[name].push(Number(process.hrtime.bigint() - start) / ITERATIONS);
    }
    ratios.push(times.parsePush[round] / times['JSON.parse'][round]);
  }
  return { json: median(times['JSON.parse']), parse: median(times.parsePush), ratio: median(ratios) };
}

let failed = false;
for (const [name, text] of [
  ['seed CDR', seed],
  ['transferred CDR', transferred],
]) {
  const { json, parse, ratio } = measure(text);
  const ok = ratio <= TARGET_RATIO;
  failed ||= name === 'seed CDR' && !ok;
  console.log(
    `${name} (${Buffer.byteLength(text)} B): JSON.parse ${(json / 1000).toFixed(2)} µs, parsePush ${(parse / 1000).toFixed(2)} µs, ratio ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}) ${ok ? 'ok' : 'OVER'}`,
  );
}
if (sink === 0) console.log('unreachable');
process.exitCode = failed ? 1 : 0;
