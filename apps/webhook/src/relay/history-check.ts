import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import type { ClaimedMessage } from '../store/types.ts';
import type { RelayWaits } from './backoff.ts';
import type { PostedMessage } from './metadata.ts';
import type { RelayOptions } from './types.ts';

/**
 * How far before an attempt's start (our clock) and after now the lookup reaches, for the skew between our
 * clock and Slack's, whose `ts` it compares against. Wider costs pages under Slack's strictest limit.
 */
export const HISTORY_MARGIN_MS = 10_000;

/** Why a message is in doubt: its earliest attempt that may have posted, and when a lookup can tell. */
export interface Doubt {
  /** Epoch ms the first possibly-posted attempt started. */
  readonly since: number;
  /**
   * Epoch ms from which a lookup speaks for every attempt: after the doubt arose (the failure, or the claim
   * of a row left in doubt) and once Slack must be done with the last attempt (its start + `settleMs`).
   */
  readonly notBefore: number;
}

/** What the lookup found: the message's `ts`, or that it is not in Slack (post it), or a failure. */
export type HistoryAnswer =
  | { readonly found: string }
  | { readonly absent: true }
  | { readonly failed: unknown };

/** A finished lookup of one channel or thread: its window's start, when it ran, our messages it saw. */
interface Lookup {
  readonly oldest: number;
  readonly fetchedAt: number;
  readonly posted: ReadonlyMap<number, PostedMessage>;
}

/** Slack errors that mean the message cannot be there: post it, and let the post say what is wrong. */
const CANNOT_BE_THERE = new Set(['channel_not_found', 'not_in_channel', 'thread_not_found', 'is_archived']);

/** What the lookups use of their relay. */
export interface HistoryDeps {
  readonly options: RelayOptions;
  readonly waits: RelayWaits;
  readonly state: { readonly running: boolean };
  readonly now: () => number;
}

const keyOf = (message: ClaimedMessage): string => `${message.channel}\n${message.threadTs ?? ''}`;

/**
 * Looks for in-doubt messages in their channel (or thread) before they are posted again. One lookup covers
 * every in-doubt message of a key that was registered with {@link HistoryChecks.expect} (its window starts
 * at the earliest of them), and later checks reuse it while it is recent enough: after a crash, a channel
 * with fifty messages in doubt costs one call (more pages when needed), not fifty.
 */
export function createHistoryChecks(context: HistoryDeps) {
  const { options, waits, state } = context;
  const expected = new Map<string, Map<number, number>>();
  const lookups = new Map<string, Lookup>();
  let warnedNoScope = false;

  const usable = (lookup: Lookup | undefined, doubt: Doubt): lookup is Lookup =>
    lookup !== undefined &&
    lookup.fetchedAt >= doubt.notBefore &&
    lookup.oldest <= doubt.since - HISTORY_MARGIN_MS;

  /** Reads every page of the window, waiting out Slack's rate limit (never giving up while running). */
  async function read(message: ClaimedMessage, doubt: Doubt): Promise<Lookup> {
    const since = Math.min(doubt.since, ...(expected.get(keyOf(message))?.values() ?? []));
    const fetchedAt = context.now();
    const query = {
      channel: message.channel,
      threadTs: message.threadTs,
      oldest: since - HISTORY_MARGIN_MS,
      latest: fetchedAt + HISTORY_MARGIN_MS,
    };
    const posted = new Map<number, PostedMessage>();
    let cursor: string | undefined;
    do {
      const page = await readPage(query, cursor);
      for (const found of page.posted) posted.set(found.outboxId, found);
      cursor = page.next;
    } while (cursor);
    return { oldest: query.oldest, fetchedAt, posted };
  }

  async function readPage(...args: Parameters<NonNullable<typeof options.readHistoryPage>>) {
    for (;;) {
      try {
        options.metrics.historyCalls.inc();
        return await (options.readHistoryPage as NonNullable<typeof options.readHistoryPage>)(...args);
      } catch (error) {
        if ((error as { code?: string }).code !== ErrorCode.RateLimitedError || !state.running) throw error;
        await waits.pause(Math.max(1, (error as WebAPIRateLimitedError).retryAfter) * 1000);
      }
    }
  }

  function unavailable(reason: string): HistoryAnswer {
    options.metrics.historyChecks.inc({ result: 'no_scope' });
    if (!warnedNoScope) {
      warnedNoScope = true;
      options.logger.warn(
        `Slack history is not readable (${reason}): messages in doubt are posted again without looking, so a post can be duplicated. Add the channels:history and groups:history scopes to the Slack app.`,
      );
    }
    return { absent: true };
  }

  async function check(message: ClaimedMessage, doubt: Doubt): Promise<HistoryAnswer> {
    if (!options.readHistoryPage) return unavailable('no history reader configured');
    const key = keyOf(message);
    let lookup = lookups.get(key);
    if (!usable(lookup, doubt)) {
      try {
        lookup = await read(message, doubt);
      } catch (error) {
        const slackError = (error as Partial<WebAPIPlatformError>).data?.error ?? '';
        if (slackError === 'missing_scope') return unavailable('missing_scope');
        if (!CANNOT_BE_THERE.has(slackError)) {
          options.metrics.historyChecks.inc({ result: 'failed' });
          return { failed: error };
        }
        lookup = { oldest: doubt.since - HISTORY_MARGIN_MS, fetchedAt: context.now(), posted: new Map() };
      }
      lookups.set(key, lookup);
    }
    const found = lookup.posted.get(message.id);
    const ours = found !== undefined && found.sessionId === message.sessionId;
    options.metrics.historyChecks.inc({ result: ours ? 'found' : 'absent' });
    return ours ? { found: found.ts } : { absent: true };
  }

  return {
    /** Registers a message in doubt, so the next lookup of its channel covers it too. */
    expect(message: ClaimedMessage, since: number): void {
      const key = keyOf(message);
      const byId = expected.get(key) ?? new Map<number, number>();
      byId.set(message.id, since);
      expected.set(key, byId);
    },
    /** Forgets a message once it is settled (sent, dead, dropped). */
    forget(message: ClaimedMessage): void {
      const key = keyOf(message);
      const byId = expected.get(key);
      byId?.delete(message.id);
      if (byId?.size === 0) {
        expected.delete(key);
        lookups.delete(key);
      }
    },
    check,
  };
}

/** The history checks of one relay. */
export type HistoryChecks = ReturnType<typeof createHistoryChecks>;
