import { parseArgs } from 'node:util';
import * as v from 'valibot';

/** A mistake in how the command was called: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/** Something failed while the command ran (a server unreachable, a port taken): printed, exit 1. */
export class CliFailure extends Error {
  override name = 'CliFailure' as const;
}

/** Where a command writes, and the environment it may read (passed in: only the entry point reads `process`). */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** One option of a command as `node:util` parseArgs takes it. */
export type OptionSpec = { readonly type: 'string' | 'boolean'; readonly short?: string };

/** A command's arguments: its options, how many positionals it takes, and the valibot schema of both. */
export interface CommandSpec<S extends v.GenericSchema> {
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** The positionals' name in messages (e.g. `the command text`), or undefined when there are none. */
  readonly positional?: string;
  /** Checks `{ ...options, positionals }` and turns them into the command's settings. */
  readonly schema: S;
}

/** What {@link parseCommand} found: a request for help, or the checked settings. */
export type Parsed<S extends v.GenericSchema> =
  | { readonly help: true }
  | {
      readonly help: false;
      readonly args: v.InferOutput<S>;
      /** The options given on the command line (not from the environment or defaults). */
      readonly given: ReadonlySet<string>;
    };

/** An issue as a line: the messages of this CLI's schemas name their option already; others get it. */
const describe = (issue: v.BaseIssue<unknown>): string => {
  const path = v.getDotPath(issue);
  if (issue.message.startsWith('--') || !path || path === 'positionals') return issue.message;
  return `--${path.split('.')[0]}: ${issue.message}`;
};

/**
 * Parses a command's arguments: `--help`/`-h` anywhere asks for the usage; unknown options, a missing
 * value or a value the schema refuses throw a {@link UsageError} listing every problem. `fallbacks` fill
 * options that were not given (values from the environment), before the schema's own defaults.
 */
export function parseCommand<S extends v.GenericSchema>(
  spec: CommandSpec<S>,
  argv: readonly string[],
  fallbacks: Readonly<Record<string, string | undefined>> = {},
): Parsed<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: spec.positional !== undefined,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return { help: true };
  const given = Object.fromEntries(Object.entries(fallbacks).filter(([, value]) => value !== undefined));
  const input = { ...given, ...parsed.values, positionals: parsed.positionals };
  const result = v.safeParse(spec.schema, input);
  if (!result.success) throw new UsageError(result.issues.map(describe).join('\n'));
  return { help: false, args: result.output, given: new Set(Object.keys(parsed.values)) };
}
