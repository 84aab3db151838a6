import type { CallStats } from '@ccc-kit/stats';
import { renderCallsPerHourChart } from '@ccc-kit/stats/charts';

const SERIES = [
  { key: 'answered', label: 'Answered' },
  { key: 'missed', label: 'Missed' },
  { key: 'other', label: 'IVR, AI, blocked, failed' },
];

/** The digest's chart: a day's inbound calls per hour, stacked answered / missed / the rest, as a PNG. */
export function digestChart(stats: CallStats, day: string): Promise<Uint8Array> {
  const hours = stats.byHour.map((row, hour) => {
    const { offered, answered, missed } = row.inbound;
    return { hour, counts: { answered, missed: missed.total, other: offered - answered - missed.total } };
  });
  return renderCallsPerHourChart({
    title: `Inbound calls per hour, ${day}`,
    timeZoneLabel: stats.timeZone,
    hours,
    series: SERIES,
  });
}
