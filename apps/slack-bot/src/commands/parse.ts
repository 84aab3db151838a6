import type { SessionStateQuery } from '@ccc-kit/desk-client';
import { type CallsFilter, parseCallsFilter } from './parse-calls.ts';
import { parseStatsRange, type StatsRange } from './stats-range.ts';
import { SUBCOMMANDS } from './usage.ts';

/** A `--since` value as typed: a duration back from now (`24h`, `7d`) or a calendar date / ISO instant. */
export type Since =
  | { readonly kind: 'ago'; readonly seconds: number; readonly text: string }
  | { readonly kind: 'date'; readonly unix: number; readonly text: string };

/** What `/ccc <text>` asks for. `invalid` carries a one-line explanation shown above the usage. */
export type ParsedCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'state'; readonly query: SessionStateQuery }
  | { readonly kind: 'transcript'; readonly sessionId: string }
  | { readonly kind: 'call'; readonly sessionId: string; readonly since: Since | undefined }
  | {
      readonly kind: 'sessions';
      readonly clientUserId: string | undefined;
      readonly since: Since | undefined;
    }
  | { readonly kind: 'calls'; readonly filter: CallsFilter; readonly since: Since | undefined }
  | { readonly kind: 'missed'; readonly since: Since | undefined; readonly group: string | undefined }
  | { readonly kind: 'stats'; readonly range: StatsRange; readonly group: string | undefined }
  | { readonly kind: 'invalid'; readonly problem: string };

// The usage text lives apart; callers keep importing it from here, next to the parser it describes.
export { SUBCOMMANDS, USAGE } from './usage.ts';

// Session, customer and customer-service IDs: UUIDs, phone numbers, emails, `@cs`-style accounts.
const ID = /^[\w.:@+-]{1,128}$/;
const AGO = /^(\d{1,4})([hd])$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SINCE_HINT = 'use 24h, 7d or a date like 2024-11-01';

/**
 * Undoes Slack's formatting of the command text (`<mailto:a@b|a@b>` → `a@b`, `&amp;` → `&`). A user
 * mention (`<@U123|ann>`, sent because the command escapes them) keeps the ID: `@U123`.
 */
function unformat(text: string): string {
  return text
    .replace(/<(@[UW][A-Z0-9]+)(?:\|[^>]*)?>|<[^>|]*\|([^>]*)>|<([^>]*)>/g, (_, mention, label, bare) =>
      String(mention ?? label ?? bare),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Parses a `--since` value; a plain date is midnight UTC. */
export function parseSince(text: string): Since | undefined {
  const ago = AGO.exec(text);
  if (ago) {
    const amount = Number(ago[1]);
    if (amount === 0) return undefined;
    return { kind: 'ago', seconds: amount * (ago[2] === 'h' ? 3600 : 86_400), text };
  }
  if (!DATE.test(text)) return undefined;
  const dateOnly = text.length === 10;
  const iso = dateOnly ? `${text}T00:00:00Z` : text.replace(' ', 'T');
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-31 over to March: a plain date must round-trip.
  if (dateOnly && new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
  return { kind: 'date', unix: Math.floor(ms / 1000), text };
}

interface Split {
  readonly args: string[];
  readonly since: Since | undefined;
  /** Values of the options other than `--since` (`--agent`, `--group`), by name without dashes. */
  readonly values: Readonly<Record<string, string>>;
  readonly problem?: string;
}

/** The options each subcommand takes. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  call: ['--since'],
  calls: ['--since', '--agent'],
  missed: ['--since', '--group'],
  stats: ['--group'],
  sessions: ['--since'],
};

/** What an option without its value should have had. */
const VALUE_HINTS: Readonly<Record<string, string>> = {
  '--agent': 'an @mention or an email',
  '--group': 'a skill group name, e.g. Support',
};

function splitFlags(tokens: readonly string[], allowed: readonly string[]): Split {
  const args: string[] = [];
  const values: Record<string, string> = {};
  let since: Since | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('--')) {
      args.push(token);
      continue;
    }
    const [flag, inline] = token.split('=', 2) as [string, string | undefined];
    if (!allowed.includes(flag)) return { args, since, values, problem: `Unknown option \`${flag}\`.` };
    const value = inline ?? tokens[++i];
    if (flag !== '--since') {
      if (!value) return { args, since, values, problem: `\`${flag}\` needs a value: ${VALUE_HINTS[flag]}.` };
      values[flag.slice(2)] = value;
      continue;
    }
    if (!value) return { args, since, values, problem: `\`--since\` needs a value: ${SINCE_HINT}.` };
    since = parseSince(value);
    if (!since)
      return { args, since, values, problem: `\`${value}\` is not a valid \`--since\`: ${SINCE_HINT}.` };
  }
  return { args, since, values };
}

const invalid = (problem: string): ParsedCommand => ({ kind: 'invalid', problem });

function checkIds(ids: readonly string[], names: readonly string[]): string | undefined {
  const extra = ids.length - names.length;
  if (extra > 0) return `Too many arguments: \`${ids.slice(names.length).join(' ')}\`.`;
  const missing = names[ids.length];
  if (missing) return `Missing ${missing}.`;
  const bad = ids.find((id) => !ID.test(id));
  return bad ? `\`${bad}\` does not look like an ID.` : undefined;
}

function parseState(args: readonly string[]): ParsedCommand {
  if (args[0] === 'user') {
    const problem = checkIds(args.slice(1), ['the ClientUserId', 'the CustomerServiceId']);
    if (problem) return invalid(problem);
    return {
      kind: 'state',
      query: { clientUserId: args[1] as string, customerServiceId: args[2] as string },
    };
  }
  const problem = checkIds(args, ['the SessionId']);
  return problem ? invalid(problem) : { kind: 'state', query: { sessionId: args[0] as string } };
}

/**
 * Parses the text after `/ccc` into a command. Pure: never throws, and anything malformed becomes
 * `{ kind: 'invalid', problem }` with a one-line explanation.
 *
 * @example
 * parseCommand('call 0cf5be1b --since 30d');
 * // { kind: 'call', sessionId: '0cf5be1b', since: { kind: 'ago', seconds: 2592000, text: '30d' } }
 */
export function parseCommand(text: string): ParsedCommand {
  const [sub, ...rest] = unformat(text).trim().split(/\s+/).filter(Boolean);
  if (!sub || /^(help|-h|--help|\?)$/i.test(sub)) return { kind: 'help' };
  const name = sub.toLowerCase();
  if (!SUBCOMMANDS.includes(name)) return invalid(`Unknown subcommand \`${sub}\`.`);
  const { args, since, values, problem } = splitFlags(rest, OPTIONS[name] ?? []);
  if (problem) return invalid(problem);
  switch (name) {
    case 'state':
      return parseState(args);
    case 'transcript': {
      const bad = checkIds(args, ['the SessionId']);
      return bad ? invalid(bad) : { kind: 'transcript', sessionId: args[0] as string };
    }
    case 'call': {
      const bad = checkIds(args, ['the SessionId']);
      return bad ? invalid(bad) : { kind: 'call', sessionId: args[0] as string, since };
    }
    case 'calls': {
      const filter = parseCallsFilter(args, values.agent);
      return 'problem' in filter ? invalid(filter.problem) : { kind: 'calls', filter, since };
    }
    case 'missed':
      return args.length > 0
        ? invalid(
            `\`/ccc missed\` takes no arguments (got \`${args.join(' ')}\`); a group goes after \`--group\`.`,
          )
        : { kind: 'missed', since, group: values.group };
    case 'stats': {
      if (args.length > 1)
        return invalid(
          `\`/ccc stats\` takes one range (got \`${args.join(' ')}\`); a group goes after \`--group\`.`,
        );
      const range = parseStatsRange(args[0]);
      return 'problem' in range ? invalid(range.problem) : { kind: 'stats', range, group: values.group };
    }
    case 'sessions': {
      const bad = args.length > 0 ? checkIds(args, ['the ClientUserId']) : undefined;
      return bad ? invalid(bad) : { kind: 'sessions', clientUserId: args[0], since };
    }
    default:
      return { kind: 'help' };
  }
}
