import type { SessionStateQuery } from '@ccc-kit/desk-client';
import type { Reply } from '../deps.ts';
import {
  type Backend,
  ephemeral,
  FOLLOW_UPS_NOT_CONFIGURED,
  notConfiguredReply,
  problemReply,
  usageReply,
} from '../replies.ts';
import type { CallsQuery } from './calls-page.ts';
import type { MissedQuery } from './missed-query.ts';
import type { ParsedCommand } from './parse.ts';
import type { SessionsQuery } from './sessions-page.ts';
import { type StatsWindow, statsWindow } from './stats-range.ts';
import {
  AGENT_CALLS_LOOKBACK_DAYS,
  callWindow,
  MISSED_LOOKBACK_DAYS,
  NUMBER_CALLS_LOOKBACK_DAYS,
  type SearchWindow,
  sessionsWindow,
} from './window.ts';

/**
 * A lookup the bot can run, with everything resolved (windows in Unix seconds). Serialisable: the Share and
 * More buttons carry it, so a click repeats exactly the same query.
 */
export type LookupRequest =
  | { readonly kind: 'state'; readonly query: SessionStateQuery }
  | { readonly kind: 'transcript'; readonly sessionId: string }
  | { readonly kind: 'call'; readonly sessionId: string; readonly window: SearchWindow }
  | ({ readonly kind: 'sessions' } & SessionsQuery)
  | ({ readonly kind: 'calls' } & CallsQuery)
  | ({ readonly kind: 'missed' } & MissedQuery)
  | { readonly kind: 'stats'; readonly window: StatsWindow; readonly group?: string | undefined };

/** The answer of a lookup (with its Share button when ephemeral). */
export interface LookupOutcome {
  readonly reply: Reply;
  /** A note for the requester only (e.g. "no ASR"): never posted in the channel. */
  readonly note?: boolean;
}

/** Which backends a lookup can use. */
export function backendsOf(kind: LookupRequest['kind']): readonly ('ccc' | 'desk' | 'webhook')[] {
  if (kind === 'missed') return ['webhook'];
  if (kind === 'stats') return ['webhook', 'ccc'];
  if (kind === 'call' || kind === 'calls') return ['ccc'];
  if (kind === 'transcript') return ['desk', 'ccc'];
  return ['desk'];
}

/** What a parsed command turns into: an immediate answer, or a lookup to run after the ack. */
export type CommandPlan =
  | { readonly reply: Reply }
  | { readonly request: LookupRequest; readonly what: string };

/**
 * Plans a parsed command: usage and problems are answered at once, backends that are not configured
 * too, and `--since` is resolved against `nowMs` (`/ccc stats` days in `timeZone`).
 */
export function planCommand(
  command: ParsedCommand,
  configured: { readonly ccc: boolean; readonly desk: boolean; readonly webhook?: boolean },
  nowMs: number,
  timeZone = 'UTC',
): CommandPlan {
  if (command.kind === 'help') return { reply: usageReply() };
  if (command.kind === 'invalid') return { reply: problemReply(command.problem) };
  const backends = backendsOf(command.kind);
  if (command.kind === 'missed' && !configured.webhook)
    return { reply: ephemeral(FOLLOW_UPS_NOT_CONFIGURED) };
  if (!backends.some((b) => configured[b])) {
    const calls = command.kind === 'call' || command.kind === 'calls' || command.kind === 'stats';
    const backend: Backend = calls ? 'call' : 'chat';
    return { reply: notConfiguredReply(backend) };
  }
  switch (command.kind) {
    case 'state':
      return { request: command, what: 'the chat' };
    case 'transcript':
      return { request: command, what: 'the transcript' };
    case 'call': {
      const result = callWindow(command.since, nowMs);
      if (!result.ok) return { reply: problemReply(result.problem) };
      return {
        request: { kind: 'call', sessionId: command.sessionId, window: result.window },
        what: 'the call',
      };
    }
    case 'calls': {
      const days = command.filter.kind === 'number' ? NUMBER_CALLS_LOOKBACK_DAYS : AGENT_CALLS_LOOKBACK_DAYS;
      const result = callWindow(command.since, nowMs, days);
      if (!result.ok) return { reply: problemReply(result.problem) };
      const what = command.filter.kind === 'number' ? "the customer's calls" : "the agent's calls";
      return { request: { kind: 'calls', filter: command.filter, window: result.window, skip: 0 }, what };
    }
    case 'missed': {
      const result = sessionsWindow(command.since, nowMs, MISSED_LOOKBACK_DAYS);
      if (!result.ok) return { reply: problemReply(result.problem) };
      const { start, end } = result.window;
      // A button carries the window, and button windows are shorter than 90 days.
      if (end - start >= 90 * 86_400)
        return { reply: problemReply('`/ccc missed` looks back at most 89 days: use a shorter `--since`.') };
      const group = command.group ? { group: command.group } : {};
      return {
        request: { kind: 'missed', since: start, until: end, skip: 0, ...group },
        what: 'the missed calls',
      };
    }
    case 'stats': {
      const result = statsWindow(command.range, nowMs, timeZone);
      if (!result.ok) return { reply: problemReply(result.problem) };
      const group = command.group ? { group: command.group } : {};
      return {
        request: { kind: 'stats', window: result.window, ...group },
        what: `the calls of ${result.window.label}`,
      };
    }
    case 'sessions': {
      const result = sessionsWindow(command.since, nowMs);
      if (!result.ok) return { reply: problemReply(result.problem) };
      const request = {
        kind: 'sessions',
        clientUserId: command.clientUserId,
        window: result.window,
        skip: 0,
      } as const;
      return { request, what: 'recent chat sessions' };
    }
  }
}
