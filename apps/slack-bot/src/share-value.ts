import { type ActionValue, decodeActionValue } from '@ccc-kit/slack-blocks';
import { missedActionValue } from './commands/missed-query.ts';
import type { CallsFilter } from './commands/parse-calls.ts';
import type { LookupRequest } from './commands/plan.ts';
import { SESSIONS_PAGE_SIZE } from './commands/sessions-page.ts';
import { callsActionValue } from './render-calls.ts';

/** Prefix of the `block_id` of the actions block holding a Share button; the lookup kind follows it. */
export const SHARE_BLOCK_PREFIX = 'ccc_share:';

const KINDS = ['state', 'transcript', 'sessions', 'calls', 'missed', 'stats'] as const;

/** The button value repeating `request` (`@ccc-kit/slack-blocks` action values), or undefined if it cannot. */
export function actionValueOf(request: LookupRequest, nowSeconds: number): ActionValue | undefined {
  switch (request.kind) {
    case 'state':
      // A session id is enough to repeat the lookup; a customer query needs the id the answer resolved.
      return 'sessionId' in request.query
        ? { v: 1, sessionId: request.query.sessionId, start: nowSeconds, end: nowSeconds }
        : undefined;
    case 'transcript':
      return { v: 1, sessionId: request.sessionId, start: nowSeconds, end: nowSeconds };
    case 'call':
      return { v: 1, sessionId: request.sessionId, start: request.window.start, end: request.window.end };
    case 'sessions':
      return {
        v: 1,
        offset: request.skip,
        limit: SESSIONS_PAGE_SIZE,
        start: request.window.start,
        end: request.window.end,
        ...(request.clientUserId ? { filter: request.clientUserId } : {}),
      };
    case 'calls': {
      // An @mention is repeated by the email it resolved to (lookupCalls shares the resolved request).
      const { filter } = request;
      return filter.kind === 'mention' ? undefined : callsActionValue({ ...request, filter });
    }
    case 'missed':
      return missedActionValue(request);
    case 'stats': {
      // The range's words and the group ride in the filter: `stats:{"label":…,"group":…}`.
      const { label, start, end } = request.window;
      const filter = `${STATS_PREFIX}${JSON.stringify({ label, ...(request.group ? { group: request.group } : {}) })}`;
      return { v: 1, offset: 0, limit: 1, start, end, filter };
    }
  }
}

// A window that ended when the command ran still reads "in the last N days" when a button repeats it.
const RECENT_SECONDS = 3600;
const windowOf = (value: ActionValue, nowSeconds: number) => ({
  start: value.start,
  end: value.end,
  endsNow: value.end >= nowSeconds - RECENT_SECONDS,
});

/** Rebuilds a sessions request from a More (or Share) value. */
export function sessionsRequestOf(value: ActionValue, nowSeconds: number): LookupRequest | undefined {
  if (!('offset' in value)) return undefined;
  return {
    kind: 'sessions',
    clientUserId: value.filter,
    window: windowOf(value, nowSeconds),
    skip: value.offset,
  };
}

const TEL = /^tel:(\d{7,15})$/;
const AGENT = /^agent:([^\s@]+@[^\s@]+)$/;

/** The filter a calls value carries (`tel:…` or `agent:…`, see `callsFilterText`). */
function callsFilterOf(text: string | undefined): CallsFilter | undefined {
  const tel = TEL.exec(text ?? '');
  if (tel) return { kind: 'number', number: tel[1] as string };
  const agent = AGENT.exec(text ?? '');
  return agent ? { kind: 'agent', email: (agent[1] as string).toLowerCase() } : undefined;
}

/** Rebuilds a calls request from a More (or Share) value; undefined for a value this bot did not write. */
export function callsRequestOf(value: ActionValue, nowSeconds: number): LookupRequest | undefined {
  if (!('offset' in value)) return undefined;
  const filter = callsFilterOf(value.filter);
  if (!filter) return undefined;
  return { kind: 'calls', filter, window: windowOf(value, nowSeconds), skip: value.offset };
}

const GROUP = /^group:(.{1,100})$/;
const STATS_PREFIX = 'stats:';

/** Rebuilds a `/ccc stats` request from its Share value; undefined for a value not ours. */
export function statsRequestOf(value: ActionValue): LookupRequest | undefined {
  if (!('offset' in value) || !value.filter?.startsWith(STATS_PREFIX)) return undefined;
  try {
    const { label, group } = JSON.parse(value.filter.slice(STATS_PREFIX.length)) as {
      label?: unknown;
      group?: unknown;
    };
    if (typeof label !== 'string' || label.length > 60) return undefined;
    if (group !== undefined && (typeof group !== 'string' || group.length > 100)) return undefined;
    const window = { start: value.start, end: value.end, label };
    return { kind: 'stats', window, ...(group ? { group } : {}) };
  } catch {
    return undefined;
  }
}

/** Rebuilds a `/ccc missed` request from a More (or Share) value; undefined for a value not ours. */
export function missedRequestOf(value: ActionValue): LookupRequest | undefined {
  if (!('offset' in value)) return undefined;
  const group = value.filter === undefined ? undefined : GROUP.exec(value.filter)?.[1];
  if (value.filter !== undefined && group === undefined) return undefined;
  return {
    kind: 'missed',
    since: value.start,
    until: value.end,
    skip: value.offset,
    ...(group ? { group } : {}),
  };
}

/**
 * Rebuilds the request behind a Share button: the kind from the block id (the call details message of
 * `@ccc-kit/slack-blocks` brings its own button, so any other block id with a call value is a call) and the
 * query from the value. Undefined for values this bot did not write.
 */
export function requestFromShare(
  blockId: string | undefined,
  raw: string | undefined,
  nowSeconds: number,
): LookupRequest | undefined {
  const kind = KINDS.find((k) => blockId === `${SHARE_BLOCK_PREFIX}${k}`) ?? 'call';
  const decoded = decodeActionValue(raw);
  if (!decoded.ok) return undefined;
  const value = decoded.value;
  if (kind === 'sessions') return sessionsRequestOf(value, nowSeconds);
  if (kind === 'calls') return callsRequestOf(value, nowSeconds);
  if (kind === 'missed') return missedRequestOf(value);
  if (kind === 'stats') return statsRequestOf(value);
  if (!('sessionId' in value)) return undefined;
  if (kind === 'state') return { kind, query: { sessionId: value.sessionId } };
  if (kind === 'transcript') return { kind, sessionId: value.sessionId };
  return { kind, sessionId: value.sessionId, window: windowOf(value, nowSeconds) };
}
