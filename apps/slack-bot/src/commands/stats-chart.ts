import { renderCallsPerHourChart } from '@ccc-kit/stats/charts';
import type { BotDeps } from '../deps.ts';
import type { StatsView } from './stats-view.ts';
import { platformCode } from './transcript-upload.ts';

const SERIES = [
  { key: 'answered', label: 'Answered' },
  { key: 'missed', label: 'Missed' },
  { key: 'other', label: 'IVR, AI, blocked, failed' },
];

/** The calls-per-hour chart of a stats answer (inbound calls by hour of day, stacked), as a PNG. */
export function statsChart(view: StatsView, title: string): Promise<Uint8Array> {
  const hours = view.byHour.map((row, hour) => {
    const { offered, answered, missed } = row.inbound;
    return { hour, counts: { answered, missed: missed.total, other: offered - answered - missed.total } };
  });
  return renderCallsPerHourChart({ title, timeZoneLabel: view.timeZone, hours, series: SERIES });
}

/**
 * Sends the chart where its answer went: to the requester alone, in their direct messages with the bot
 * (a private answer), or into the channel (a shared one). Best effort: the numbers are already answered,
 * so a failure is logged and nothing else happens.
 */
export async function sendStatsChart(
  deps: BotDeps,
  target: { readonly userId: string; readonly channelId: string | undefined; readonly shared: boolean },
  view: StatsView,
  title: string,
): Promise<void> {
  try {
    const png = await statsChart(view, title);
    let channel = target.shared ? target.channelId : undefined;
    if (!channel) {
      // A message to the user's id opens the DM and Slack answers with its D… id (no im:write needed).
      const intro = await deps.slack.chat.postMessage({
        channel: target.userId,
        text: `${title}: the chart of your \`/ccc stats\`. Only you can see it here.`,
      });
      channel = intro.channel;
    }
    if (!channel) return;
    await deps.slack.files.uploadV2({
      channel_id: channel,
      file: Buffer.from(png),
      filename: 'calls-per-hour.png',
      title,
    });
  } catch (error) {
    deps.logger.warn({ slackError: platformCode(error) ?? (error as Error).message }, 'stats chart not sent');
  }
}
