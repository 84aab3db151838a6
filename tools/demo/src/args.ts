import { parseArgs } from 'node:util';
import { CALL_COVERAGE_MINIMUM, CHAT_COVERAGE_MINIMUM } from '@ccc-kit/sandbox/dataset';
import * as v from 'valibot';

/** What `pnpm demo` was asked to do. */
export interface DemoArgs {
  /** Dataset seed: the same seed gives the same day. */
  readonly seed: number;
  readonly calls: number;
  readonly chats: number;
  /** Fully rendered posts per channel (`Infinity` for all). */
  readonly show: number;
  /** Keep the sandbox running after the report, until Ctrl-C. */
  readonly serve: boolean;
  /** Webhook and bot logs on stderr. */
  readonly verbose: boolean;
  readonly help: boolean;
}

/** Usage text, printed by `--help` and under every argument error. */
export const USAGE: string = `Usage: pnpm demo [--seed N] [--calls N] [--chats N] [--show N|all] [--serve] [--verbose]

Runs the whole product on your machine with no credentials: the sandbox stands in for Tencent and Slack,
the webhook stores pushes in a temporary SQLite file, and the Slack bot answers /ccc.

  --seed N     dataset seed (default 1); the same seed gives the same day
  --calls N    calls in the day, ${CALL_COVERAGE_MINIMUM} to 1000 (default 40)
  --chats N    chat sessions in the day, ${CHAT_COVERAGE_MINIMUM} to 500 (default 12)
  --show N|all posts printed in full per channel (default 2; the others are counted)
  --serve      keep running after the report and print the Slack web view URL (Ctrl-C stops)
  --verbose    webhook and bot logs (JSON) on stderr
  --help       this text`;

const whole = (name: string, fallback: string, min: number, max: number) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(/^\d+$/, `--${name} takes a whole number`),
    v.transform(Number),
    v.minValue(min, `--${name} must be at least ${min}`),
    v.maxValue(max, `--${name} must be at most ${max}`),
  );

const ArgsSchema = v.object({
  seed: whole('seed', '1', 0, Number.MAX_SAFE_INTEGER),
  // Below the coverage minimums the day may lack a voicemail or a missed call, and the demo would show less.
  calls: whole('calls', '40', CALL_COVERAGE_MINIMUM, 1000),
  chats: whole('chats', '12', CHAT_COVERAGE_MINIMUM, 500),
  show: v.pipe(
    v.optional(v.string(), '2'),
    v.regex(/^(\d+|all)$/, '--show takes a whole number or all'),
    v.transform((s) => (s === 'all' ? Number.POSITIVE_INFINITY : Number(s))),
  ),
  serve: v.optional(v.boolean(), false),
  verbose: v.optional(v.boolean(), false),
  help: v.optional(v.boolean(), false),
});

const OPTIONS = {
  seed: { type: 'string' },
  calls: { type: 'string' },
  chats: { type: 'string' },
  show: { type: 'string' },
  serve: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses and validates the command line. Failures are values carrying one line per problem, meant to be
 * printed above {@link USAGE}.
 *
 * @example
 * const parsed = parseDemoArgs(process.argv.slice(2));
 * if (!parsed.ok) console.error(`${parsed.problems.join('\n')}\n\n${USAGE}`);
 */
export function parseDemoArgs(
  argv: readonly string[],
): { ok: true; args: DemoArgs } | { ok: false; problems: string[] } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  const parsed = v.safeParse(ArgsSchema, values);
  if (!parsed.success) return { ok: false, problems: parsed.issues.map((issue) => issue.message) };
  return { ok: true, args: parsed.output };
}
