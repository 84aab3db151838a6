import { type WaitingFollowUp, waitingFollowUpsMessage } from '@ccc-kit/slack-blocks';
import type { Audience, BotDeps } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';
import type { WaitingList } from '../follow-up-client.ts';
import { shareable } from '../render.ts';
import { FOLLOW_UPS_NOT_CONFIGURED } from '../replies.ts';
import { MISSED_PAGE_SIZE, missedActionValue } from './missed-query.ts';
import type { LookupOutcome, LookupRequest } from './plan.ts';

const seconds = (ms: number): number => Math.floor(ms / 1000);

const rowOf = (row: WaitingList['rows'][number]): WaitingFollowUp => ({
  ...row,
  missedAt: seconds(row.missedAt),
  takenAt: row.takenAt === null ? null : seconds(row.takenAt),
});

/**
 * `/ccc missed` and its More button: the missed calls waiting for a callback (nobody has them, or someone
 * said they would call back), longest waiting first, from the webhook's store (`GET /internal/follow-ups`).
 */
export async function lookupMissed(
  deps: BotDeps,
  request: Extract<LookupRequest, { kind: 'missed' }>,
  audience: Audience,
): Promise<LookupOutcome> {
  if (!deps.followUps) throw new BotError(BotErrorCode.NotConfigured, FOLLOW_UPS_NOT_CONFIGURED);
  const { since, group, skip } = request;
  const page = await deps.followUps.listWaiting({
    since: since * 1000,
    group,
    limit: MISSED_PAGE_SIZE,
    offset: skip,
  });
  if (!page.ok) {
    deps.logger.warn({ err: page.detail }, 'waiting follow-ups not listed');
    throw new BotError(
      BotErrorCode.WebhookUnavailable,
      'I could not reach the webhook just now: try again in a moment.',
    );
  }
  const shown = skip + page.rows.length;
  const next =
    shown < page.total && page.rows.length > 0 ? missedActionValue({ ...request, skip: shown }) : undefined;
  const reply = waitingFollowUpsMessage(page.rows.map(rowOf), {
    offset: skip,
    total: page.total,
    since,
    next,
    group,
  });
  return { reply: audience === 'ephemeral' ? shareable(reply, request, deps.now()) : reply };
}
