import { STATS_PATH, WebhookStatsAnswer } from '@ccc-kit/schemas';
import type { ChatTotals } from '@ccc-kit/slack-blocks';
import * as v from 'valibot';
import type { StatsView } from './commands/stats-view.ts';
import type { FollowUpClientOptions } from './follow-up-client.ts';

/** 90 days of a busy center is a few hundred thousand stored calls: a slow answer is not a dead webhook. */
const TIMEOUT_MS = 60_000;

/** Which calls to count: a window (epoch ms), a skill group, the time zone of the hours. */
export interface WebhookStatsQuery {
  readonly from: number;
  readonly to: number;
  readonly group?: string | undefined;
  readonly timeZone: string;
}

/** The webhook's stats of its stored calls, or why they could not be had (for the log, never the token). */
export type WebhookStatsResult =
  | { readonly ok: true; readonly stats: StatsView; readonly chats: ChatTotals | null }
  | { readonly ok: false; readonly detail: string };

/** Reads `GET /internal/stats` of the webhook. */
export interface WebhookStatsClient {
  stats(query: WebhookStatsQuery): Promise<WebhookStatsResult>;
}

/**
 * The client of the webhook's `GET /internal/stats` (same `WEBHOOK_URL` and `INTERNAL_TOKEN` as the
 * follow-ups). Never throws; an answer that is not the stats it expects is `ok: false` with the status.
 *
 * @example
 * const client = createWebhookStatsClient({ url: 'http://webhook:8080', token });
 * const answer = await client.stats({ from, to, timeZone: 'Asia/Shanghai' });
 */
export function createWebhookStatsClient(options: FollowUpClientOptions): WebhookStatsClient {
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    async stats(query) {
      const url = new URL(STATS_PATH, options.url);
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) url.searchParams.set(key, String(value));
      try {
        const response = await send(url, {
          headers: { authorization: `Bearer ${options.token}` },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const body: unknown = await response.json().catch(() => undefined);
        const parsed = v.safeParse(WebhookStatsAnswer, body);
        if (parsed.success)
          return { ok: true, stats: parsed.output.stats, chats: parsed.output.chats?.totals ?? null };
        const error = (body as { error?: unknown } | undefined)?.error;
        return {
          ok: false,
          detail: `HTTP ${response.status}${typeof error === 'string' ? `: ${error}` : ''}`,
        };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  };
}
