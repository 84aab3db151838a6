import type * as v from 'valibot';
import type { BusinessHours } from './schema.ts';

type Hours = v.InferOutput<typeof BusinessHours>;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** Local weekday (`mon`…) and minutes since midnight of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: string; minutes: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    day: get('weekday').toLowerCase().slice(0, 3),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** True when `at` falls inside one of the weekly windows (a window ending before it starts runs past midnight). */
export function isWithinHours(at: Date, hours: Hours): boolean {
  const { day, minutes } = localTime(at, hours.timezone);
  const yesterday = DAYS[(DAYS.indexOf(day as (typeof DAYS)[number]) + 6) % 7] as string;
  return hours.windows.some((w) => {
    const from = toMinutes(w.from);
    const to = toMinutes(w.to);
    if (from <= to) return w.days.includes(day as never) && minutes >= from && minutes < to;
    return (
      (w.days.includes(day as never) && minutes >= from) ||
      (w.days.includes(yesterday as never) && minutes < to)
    );
  });
}
