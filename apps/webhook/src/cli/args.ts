import { type ParseArgsConfig, parseArgs } from 'node:util';
import * as v from 'valibot';
import { COMMAND_USAGE, type CommandName, USAGE, UsageError } from './usage.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Each command's options, all strict: an unknown one is a usage error, not ignored. */
const OPTIONS = {
  'routes check': {
    push: { type: 'string' },
    action: { type: 'string' },
    'default-channel': { type: 'string' },
  },
  'quarantine list': { limit: { type: 'string' } },
  'replay-quarantine': { id: { type: 'string', multiple: true } },
  'replay-dead': {},
  backfill: { since: { type: 'string' }, until: { type: 'string' } },
  digest: { date: { type: 'string' }, post: { type: 'boolean' } },
} satisfies Record<CommandName, Options>;

/** The arguments each command takes besides its options. */
const POSITIONALS: Readonly<Record<CommandName, readonly string[]>> = {
  'routes check': ['routes file'],
  'quarantine list': [],
  'replay-quarantine': [],
  'replay-dead': [],
  backfill: [],
  digest: [],
};

/** What the command line asks for: a help text to print, or a command with its raw values. */
export type Invocation =
  | { readonly help: string }
  | {
      readonly command: CommandName;
      /** Raw option values, checked by each command's schema. */
      readonly values: Readonly<Record<string, unknown>>;
      readonly positionals: readonly string[];
    };

const isHelp = (word: string | undefined): boolean => word === '--help' || word === '-h' || word === 'help';

/** The command named by the first words (`routes check`, `backfill`, …) and how many words it took. */
function commandOf(argv: readonly string[]): { command: CommandName; words: number } {
  const [first, second] = argv;
  if (first === undefined) throw new UsageError('Missing command');
  if (first === 'routes' || first === 'quarantine') {
    const sub = first === 'routes' ? 'check' : 'list';
    const command = `${first} ${sub}` as CommandName;
    if (second === sub) return { command, words: 2 };
    // `routes --help` is the help of its one subcommand.
    if (isHelp(second)) return { command, words: 1 };
    throw new UsageError(`"${first}" needs a subcommand: ${command}`, COMMAND_USAGE[command]);
  }
  if (Object.hasOwn(OPTIONS, first) && !first.includes(' '))
    return { command: first as CommandName, words: 1 };
  throw new UsageError(`Unknown command "${first}"`);
}

/** A short sentence for node's parseArgs errors (its own are long and suggest `--`). */
function shortMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} needs a value`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return `Unexpected argument ${/'([^']*)'/.exec(message)?.[1]}`;
  return message;
}

/**
 * Reads the command line: `--help`/`-h` (or `help`) anywhere gives the help of the CLI or of the command;
 * a missing or unknown command, an unknown option or a missing value throws a {@link UsageError}.
 */
export function parseCommandLine(argv: readonly string[]): Invocation {
  if (isHelp(argv[0])) return { help: USAGE };
  const { command, words } = commandOf(argv);
  const usage = COMMAND_USAGE[command];
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    const options: Options = { ...OPTIONS[command], help: { type: 'boolean', short: 'h' } };
    parsed = parseArgs({
      args: argv.slice(words),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(shortMessage(error), usage);
  }
  if (parsed.values.help || isHelp(parsed.positionals[0])) return { help: usage };
  const expected = POSITIONALS[command];
  const extra = parsed.positionals[expected.length];
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`, usage);
  const missing = expected[parsed.positionals.length];
  if (missing) throw new UsageError(`${command} needs the ${missing}`, usage);
  return { command, values: parsed.values, positionals: parsed.positionals };
}

/** Checks a command's values with `schema`; every problem at once, as a {@link UsageError}. */
export function parseOptions<S extends v.GenericSchema>(
  schema: S,
  values: unknown,
  command: CommandName,
): v.InferOutput<S> {
  const result = v.safeParse(schema, values);
  if (result.success) return result.output;
  throw new UsageError(result.issues.map((issue) => issue.message).join('\n'), COMMAND_USAGE[command]);
}

/** `--name N`: a whole number from `min` to `max`. */
export const wholeNumber = (name: string, min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d+$/, `--${name} takes a whole number`),
    v.transform(Number),
    v.minValue(min, `--${name} is at least ${min}`),
    v.maxValue(max, `--${name} is at most ${max}`),
  );

/** `--name <date>`: a date or a date and time (ISO 8601). */
export const dateOption = (name: string) =>
  v.pipe(
    v.string(),
    v.transform((text) => new Date(text)),
    v.check(
      (date) => !Number.isNaN(date.getTime()),
      `--${name} needs a date like 2026-11-01 or 2026-11-01T08:00:00Z`,
    ),
  );
