import type { DigestInput } from '@ccc-kit/slack-blocks';
import type { CallStats } from '@ccc-kit/stats';
import { addDays } from '@ccc-kit/stats';
import type { Store } from '../store/index.ts';
import { type DayStatsOptions, dayChatStats, dayStats, figuresOf, worstGroupOf } from './figures.ts';

/** A day's digest: what the message says, and the day's metrics (for the chart). */
export interface BuiltDigest {
  readonly input: DigestInput;
  readonly stats: CallStats;
}

/**
 * Computes `day`'s digest from the store: the day, the day before and the same weekday a week before (a
 * comparison day with no stored calls is left out, so a new installation does not read "−100%"), the
 * worst skill group, the day's chats and, with follow-ups, the missed calls waiting now.
 */
export async function buildDigest(
  store: Pick<Store, 'digests' | 'countWaitingFollowUps'>,
  day: string,
  options: DayStatsOptions & { readonly followUps: boolean },
): Promise<BuiltDigest> {
  const stats = await dayStats(store, day, options);
  const chats = await dayChatStats(store, day, options);
  const [before, lastWeek] = await Promise.all(
    [addDays(day, -1), addDays(day, -7)].map((other) => dayStats(store, other, options)),
  );
  const compared = (other: CallStats | undefined) => (other && other.calls > 0 ? figuresOf(other) : null);
  return {
    stats,
    input: {
      day,
      figures: figuresOf(stats),
      previousDay: compared(before),
      lastWeek: compared(lastWeek),
      worstGroup: worstGroupOf(stats),
      chats: chats.totals,
      waiting: options.followUps ? await store.countWaitingFollowUps() : null,
      serviceLevelSeconds: stats.serviceLevelSeconds,
    },
  };
}
