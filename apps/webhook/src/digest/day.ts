/** Calendar days in a time zone, for the digest: which day is due, and where a day starts. */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  return format;
}

/** The local day (`YYYY-MM-DD`) and minute of the day of `ms` in `timeZone`. */
export function localTime(ms: number, timeZone: string): { day: string; minute: number } {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** `day` plus `n` days (`YYYY-MM-DD`, calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Epoch ms of local midnight starting `day` in `timeZone`. Found by correcting a UTC guess with the zone's
 * offset twice, so days that start or end on a daylight-saving change come out right.
 */
export function dayStart(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let guess = utcMidnight;
  for (let i = 0; i < 3; i++) {
    const local = localTime(guess, timeZone);
    const localMs = Date.parse(`${local.day}T00:00:00Z`) + local.minute * 60_000;
    const offset = localMs - guess;
    const next = utcMidnight - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/** `HH:MM` → minutes since midnight; null when it is not a time of day. */
export function minuteOfDay(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The day whose digest is due at `now`: yesterday (local), once the local time has reached `atMinute`;
 * null before that. Never an older day: a digest missed for longer than a day is not posted late.
 */
export function dueDay(now: number, timeZone: string, atMinute: number): string | null {
  const local = localTime(now, timeZone);
  return local.minute >= atMinute ? addDays(local.day, -1) : null;
}
