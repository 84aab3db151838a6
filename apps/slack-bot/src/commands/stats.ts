import { type ChatTotals, statsSummaryMessage } from '@ccc-kit/slack-blocks';
import type { Audience, BotDeps, Invocation } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';
import { shareable } from '../render.ts';
import { ephemeral } from '../replies.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';
import { type StatsRead, statsReadKey } from './stats-cache.ts';
import { sendStatsChart } from './stats-chart.ts';
import { deskChatTotals } from './stats-desk.ts';
import { type StatsProgress, tencentStats } from './stats-tencent.ts';
import { summaryOf } from './stats-view.ts';

type StatsRequest = Extract<LookupRequest, { kind: 'stats' }>;

/** Progress notes past the "Looking up…" one: with the answer, 4 of the response URL's 5 uses. */
const ESTIMATE_AFTER_PAGES = 1;
/** A read shorter than this gets no halfway note. */
const HALFWAY_NOTE_SECONDS = 60;

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Notes on the response URL while Tencent's pages are read: the size and time up front, then halfway. */
function progressNotes(deps: BotDeps, inv: Invocation) {
  const rate = deps.cccRatePerSecond ?? 12;
  let halfway = false;
  return async ({ pages, totalPages, totalCalls }: StatsProgress): Promise<void> => {
    const seconds = Math.ceil((totalPages - pages) / rate);
    if (pages === ESTIMATE_AFTER_PAGES && totalPages > pages)
      await inv.respond(
        ephemeral(
          `:hourglass_flowing_sand: Reading ${plural(totalCalls, 'call')} from Tencent: ${plural(totalPages, 'page')}, about ${seconds} s at ${rate} requests/s (the webhook's store answers this at once when \`WEBHOOK_URL\` is set).`,
        ),
      );
    else if (!halfway && totalPages / rate > HALFWAY_NOTE_SECONDS && pages >= totalPages / 2) {
      halfway = true;
      await inv.respond(
        ephemeral(
          `:hourglass_flowing_sand: Halfway: ${pages} of ${totalPages} pages, about ${seconds} s left.`,
        ),
      );
    }
  };
}

/** The chats of the request from Desk's session list, or none without Desk (or when Desk fails: logged). */
async function deskChats(deps: BotDeps, request: StatsRequest): Promise<ChatTotals | null> {
  if (!deps.desk) return null;
  try {
    return await deskChatTotals(deps.desk, request.window, { timeZone: deps.timeZone, group: request.group });
  } catch (error) {
    deps.logger.warn({ err: error }, 'chats of /ccc stats not read from Desk');
    return null;
  }
}

/** The stats of the request: from the webhook's store when the bot knows it, else from Tencent's records. */
async function statsOf(deps: BotDeps, inv: Invocation, request: StatsRequest): Promise<StatsRead> {
  const { window, group } = request;
  if (deps.webhookStats) {
    const query = { from: window.start * 1000, to: window.end * 1000, group, timeZone: deps.timeZone };
    const answer = await deps.webhookStats.stats(query);
    if (answer.ok) return { view: answer.stats, chats: answer.chats, source: "the webhook's store" };
    deps.logger.warn({ err: answer.detail }, 'webhook stats not read');
    throw new BotError(
      BotErrorCode.WebhookUnavailable,
      'I could not reach the webhook just now: try again in a moment.',
    );
  }
  const key = statsReadKey(window, group, deps.timeZone);
  const kept = deps.statsReads?.get(key);
  if (kept) return kept;
  const read = await tencentRead(deps, inv, request);
  deps.statsReads?.set(key, read);
  return read;
}

/** Reads the request's calls (DescribeTelCdr) and chats (Desk) from Tencent, with progress notes. */
async function tencentRead(deps: BotDeps, inv: Invocation, request: StatsRequest): Promise<StatsRead> {
  if (!deps.ccc)
    throw new BotError(BotErrorCode.NotConfigured, 'The call lookup is not configured on this workspace.');
  const read = await tencentStats(deps.ccc, request.window, {
    timeZone: deps.timeZone,
    group: request.group,
    onPage: progressNotes(deps, inv),
  });
  const chats = await deskChats(deps, request);
  return {
    view: read.stats,
    chats,
    source: `Tencent's call records (${plural(read.pages, 'page')})${chats ? " and Desk's chat sessions" : ''}`,
  };
}

/**
 * `/ccc stats [range] [--group X]`: offered, answered, missed, service level, waits and the busiest groups
 * of a range, privately with Share; the calls-per-hour chart goes to the requester's DM (or the channel
 * once shared).
 */
export async function lookupStats(
  deps: BotDeps,
  inv: Invocation,
  request: StatsRequest,
  audience: Audience,
): Promise<LookupOutcome> {
  const { view, chats, source } = await statsOf(deps, inv, request);
  const summary = summaryOf(view, request.window, {
    source,
    group: request.group,
    timeZone: deps.timeZone,
    chats,
  });
  const reply = statsSummaryMessage(summary);
  const title = `Inbound calls per hour${request.group ? ` in ${request.group}` : ''}, ${request.window.label}`;
  void sendStatsChart(
    deps,
    { userId: inv.userId, channelId: inv.channelId, shared: audience === 'channel' },
    view,
    title,
  );
  return { reply: audience === 'ephemeral' ? shareable(reply, request, deps.now()) : reply };
}
