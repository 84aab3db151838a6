import type { SessionStateQuery } from '@ccc-kit/desk-client';
import { type CallsFilter, parseCallsFilter } from './parse-calls.ts';

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
  | { readonly kind: 'invalid'; readonly problem: string };

/** The subcommands, for messages and the manifest's usage hint. */
export const SUBCOMMANDS: readonly string[] = ['state', 'transcript', 'call', 'calls', 'sessions', 'help'];

/** Usage with examples, shown by `/ccc help` and under every parse problem (Slack mrkdwn). */
export const USAGE: string = [
  '*Usage*',
  '• `/ccc state <SessionId>` (or `/ccc state user <ClientUserId> <CustomerServiceId>`): who is serving a chat now',
  '• `/ccc transcript <SessionId>`: every message of a chat, or the speech transcript of a call, as a file sent to you alone',
  '• `/ccc call <SessionId> [--since <date>|<days>d]`: details of a voice call (searches the last 89 days)',
  "• `/ccc calls <number> [--since 30d]`: a customer's calls, newest first (default: the last 30 days)",
  "• `/ccc calls --agent <@person or email> [--since 7d]`: an agent's calls, newest first (default: the last 7 days)",
  '• `/ccc sessions [ClientUserId] [--since 24h|7d|<date>]`: recent chat sessions (default: the last 7 days)',
  '• `/ccc help`: this message',
  '*Examples*',
  '`/ccc state a97d3e1f-a88b-403b-9b3a-7bc6554ea05d`',
  '`/ccc call 0cf5be1b-de75-4445-a0c4-8dff3fa4b68b --since 120d`',
  '`/ccc calls +86 138 0013 8000 --since 90d`',
  '`/ccc calls --agent @wang.fang`',
  '`/ccc sessions 1299314544 --since 2024-11-01`',
].join('\n');

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
  /** `--agent`'s value. */
  readonly agent?: string;
  readonly problem?: string;
}

/** The options each subcommand takes. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  call: ['--since'],
  calls: ['--since', '--agent'],
  sessions: ['--since'],
};

function splitFlags(tokens: readonly string[], allowed: readonly string[]): Split {
  const args: string[] = [];
  let since: Since | undefined;
  let agent: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('--')) {
      args.push(token);
      continue;
    }
    const [flag, inline] = token.split('=', 2) as [string, string | undefined];
    if (!allowed.includes(flag)) return { args, since, problem: `Unknown option \`${flag}\`.` };
    const value = inline ?? tokens[++i];
    if (flag === '--agent') {
      if (!value) return { args, since, problem: '`--agent` needs a value: an @mention or an email.' };
      agent = value;
      continue;
    }
    if (!value) return { args, since, problem: `\`--since\` needs a value: ${SINCE_HINT}.` };
    since = parseSince(value);
    if (!since) return { args, since, problem: `\`${value}\` is not a valid \`--since\`: ${SINCE_HINT}.` };
  }
  return { args, since, ...(agent === undefined ? {} : { agent }) };
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
  const { args, since, agent, problem } = splitFlags(rest, OPTIONS[name] ?? []);
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
      const filter = parseCallsFilter(args, agent);
      return 'problem' in filter ? invalid(filter.problem) : { kind: 'calls', filter, since };
    }
    case 'sessions': {
      const bad = args.length > 0 ? checkIds(args, ['the ClientUserId']) : undefined;
      return bad ? invalid(bad) : { kind: 'sessions', clientUserId: args[0], since };
    }
    default:
      return { kind: 'help' };
  }
}
