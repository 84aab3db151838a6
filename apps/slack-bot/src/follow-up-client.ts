import {
  FOLLOW_UP_PATH,
  FollowUpChangeAnswer,
  type FollowUpChangeRequest,
  type FollowUpView,
  WaitingFollowUps,
} from '@ccc-kit/schemas';
import * as v from 'valibot';

/**
 * The webhook is next door: an answer slower than this is a webhook in trouble. Short enough that a form
 * submission still answers within Slack's 3 seconds.
 */
const TIMEOUT_MS = 2_000;

/** A call's follow-up as the webhook answers it (times in epoch ms, people as Slack user IDs). */
export type FollowUpState = FollowUpView;
/** The webhook's answer to a change, or `unavailable` when it could not be asked (the reason is logged). */
export type FollowUpAnswer =
  | FollowUpChangeAnswer
  | { readonly ok: false; readonly reason: 'unavailable'; readonly detail: string };

/** A change to forward: who did what to which call (`POST /internal/follow-ups`). */
export type FollowUpRequest = FollowUpChangeRequest;

/** Missed calls waiting for a callback, as the webhook lists them (times in epoch ms). */
export type WaitingList = WaitingFollowUps;

/** Which waiting calls to list: missed since (epoch ms), of a skill group, one page. */
export interface WaitingQuery {
  readonly since: number;
  readonly group?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Forwards follow-up changes to the webhook, the only writer of its posts and their state. */
export interface FollowUpClient {
  change(request: FollowUpRequest): Promise<FollowUpAnswer>;
  /** The missed calls waiting (open or taken), longest waiting first; `unavailable` as for changes. */
  listWaiting(
    query: WaitingQuery,
  ): Promise<({ readonly ok: true } & WaitingList) | { readonly ok: false; readonly detail: string }>;
}

/** Options of {@link createFollowUpClient}. */
export interface FollowUpClientOptions {
  /** The webhook's base URL (`WEBHOOK_URL`). */
  readonly url: string;
  /** `INTERNAL_TOKEN`, shared with the webhook. */
  readonly token: string;
  readonly fetch?: typeof fetch;
}

/**
 * The client of the webhook's `POST /internal/follow-ups`. Never throws: a refusal by the call's state is
 * an answer (`taken`, `resolved`…), and a webhook that cannot be reached or answers something else is
 * `unavailable` with a detail for the log (never the token).
 *
 * @example
 * const followUps = createFollowUpClient({ url: 'http://webhook:8080', token });
 * const answer = await followUps.change({ action: 'take', sessionId, userId: 'U0ANN' });
 */
export function createFollowUpClient(options: FollowUpClientOptions): FollowUpClient {
  const endpoint = new URL(FOLLOW_UP_PATH, options.url).toString();
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const auth = { authorization: `Bearer ${options.token}` };
  return {
    async listWaiting(query) {
      const url = new URL(endpoint);
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) url.searchParams.set(key, String(value));
      try {
        const response = await send(url, { headers: auth, signal: AbortSignal.timeout(TIMEOUT_MS) });
        const body: unknown = await response.json().catch(() => undefined);
        const parsed = v.safeParse(WaitingFollowUps, body);
        if (parsed.success) return { ok: true, ...parsed.output };
        return { ok: false, detail: `HTTP ${response.status}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
    async change(request) {
      let response: Response;
      try {
        response = await send(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        return { ok: false, reason: 'unavailable', detail: (error as Error).message };
      }
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = v.safeParse(FollowUpChangeAnswer, body);
      if (parsed.success) return parsed.output;
      const error = (body as { error?: unknown } | undefined)?.error;
      return {
        ok: false,
        reason: 'unavailable',
        detail: `HTTP ${response.status}${typeof error === 'string' ? `: ${error}` : ''}`,
      };
    },
  };
}
