import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeCommand, SERVER_CPU } from '../harness/cpu.ts';
import type { Figure, FigureOutcome, Metric } from '../harness/types.ts';

const run = promisify(execFile);
const ROUNDS = 9;
const ITERATIONS = 20_000;

/** One line of cdr-parser's benchmark, e.g. `seed CDR (1484 B): JSON.parse 4.66 µs, parsePush 6.19 µs, ratio 1.33 …`. */
const LINE = /^(.+?) \((\d+) B\): JSON\.parse ([\d.]+) µs, parsePush ([\d.]+) µs, ratio ([\d.]+)/;

/** Reads the benchmark's output lines into metrics; throws if none has the expected shape. */
export function parseBenchOutput(stdout: string): Metric[] {
  const metrics = stdout.split('\n').flatMap((line): Metric[] => {
    const match = LINE.exec(line.trim());
    if (!match) return [];
    const [, name, bytes, json, parse, ratio] = match;
    return [
      {
        name: `parsePush vs JSON.parse, ${name} (${bytes} B)`,
        unit: 'µs',
        baseline: Number(json),
        product: Number(parse),
        ratio: Number(ratio),
        target: { on: 'ratio', op: '<=', value: 2 },
        note: `median of ${ROUNDS} rounds × ${ITERATIONS.toLocaleString('en-US')}`,
      },
    ];
  });
  if (metrics.length === 0) throw new Error(`unexpected output from parse.bench.mjs:\n${stdout}`);
  return metrics;
}

/**
 * Figure 2: runs cdr-parser's own benchmark (`packages/cdr-parser/bench/parse.bench.mjs`) in its own process,
 * pinned, and reports its lines. The script exits 1 when the seed ratio misses its target: that is a result
 * here, not a failure, so only unreadable output breaks the figure.
 */
export const parse: Figure = {
  name: 'parse',
  title: 'Parse: parsePush of a CDR push vs JSON.parse of the same text',
  baselineLabel: 'JSON.parse of the body text',
  productLabel:
    '@ccc-kit/cdr-parser parsePush({ query, headers, body }) (JSON.parse + validation + dedupe key)',
  async run(context): Promise<FigureOutcome> {
    const script = join(context.root, 'packages', 'cdr-parser', 'bench', 'parse.bench.mjs');
    if (!existsSync(script))
      return { status: 'skipped', reason: 'packages/cdr-parser/bench/parse.bench.mjs is missing' };
    const [command, args] = nodeCommand(
      script,
      [`--rounds=${ROUNDS}`, `--iterations=${ITERATIONS}`],
      SERVER_CPU,
    );
    context.log(`${[command, ...args].join(' ')}`);
    const stdout = await run(command, args, { cwd: context.root, timeout: 120_000 }).then(
      (result) => result.stdout,
      (error: { stdout?: string; code?: number }) => {
        if (error.code === 1 && error.stdout) return error.stdout;
        throw error;
      },
    );
    return { status: 'ok', metrics: parseBenchOutput(stdout) };
  },
};
