import type { KnownBlock } from '@slack/types';
import { ACTION_HOME_REFRESH } from './action-value.ts';
import { actions, button, context, header, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { agentBlocks, queueBlocks, staleNote, todayBlocks, yourCallBlocks } from './home-sections.ts';
import type { HomeInput, HomePart } from './home-types.ts';
import { fitToLimits } from './limits.ts';

/** A Home tab view (`views.publish`'s `view`). */
export interface HomeView {
  readonly type: 'home';
  readonly blocks: KnownBlock[];
}

/** Slack's limit of blocks in a Home tab view (`views.publish`). */
export const HOME_MAX_BLOCKS = 100;

/** A part's heading and blocks: its value (maybe old, with a note), or only the note when never read. */
function part<T>(
  title: string,
  value: HomePart<T>,
  input: HomeInput,
  render: (value: T) => KnownBlock[],
): KnownBlock[] {
  const note = staleNote(value, input.now, input.timeZone);
  return [header(title), ...note, ...(value.value !== null ? render(value.value) : [])];
}

/** The oldest read of the parts shown: what "read at" means for the whole tab. */
function readAt(input: HomeInput): number {
  const times = [input.queue, input.agents, input.today]
    .map((p) => p?.readAt)
    .filter((t): t is number => typeof t === 'number');
  return times.length ? Math.min(...times) : input.now;
}

/**
 * The wallboard in the app's Home tab: **Queue now** (per skill group, busiest first, the rest summed),
 * **Agents** (by status, and who is free per group), **Today** (offered, answered, missed, answer rate, service
 * level, longest wait) and **Your calls** (the viewer's last calls with Details buttons), with when the data
 * was read as a Slack date (the viewer's own time zone) and a Refresh button (`ACTION_HOME_REFRESH`). A part
 * whose last read failed shows what was read before, with its age and the reason. Text is fitted to Slack's
 * limits; the view stays far below the 100 blocks of a Home tab whatever the number of groups.
 *
 * @example
 * await client.views.publish({ user_id, view: homeView({ now, queue, agents, today, yourCalls }) });
 */
export function homeView(input: HomeInput): HomeView {
  const maxGroups = input.maxGroups ?? 12;
  const blocks: KnownBlock[] = [
    header(':telephone_receiver: Contact center now'),
    context([`Read ${slackDate(readAt(input), input.timeZone)}`]),
    actions([button('Refresh', ACTION_HOME_REFRESH, 'refresh', 'primary')]),
    ...part('Queue now', input.queue, input, (queue) => queueBlocks(queue, maxGroups)),
    ...part('Agents', input.agents, input, agentBlocks),
    ...(input.today ? part('Today', input.today, input, todayBlocks) : []),
    ...yourCallBlocks(input),
  ];
  const fitted = fitToLimits({ text: 'Contact center now', blocks });
  return { type: 'home', blocks: fitted.blocks as KnownBlock[] };
}

/** A view that only says why the viewer sees no numbers (not allowed, nothing configured). */
export function homeNotice(text: string): HomeView {
  return { type: 'home', blocks: [header(':telephone_receiver: Contact center'), section(text)] };
}
