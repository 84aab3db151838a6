/** Calendar days in a time zone: a range of days in metrics is midnight to midnight, local. */

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

/**
 * The local day (`YYYY-MM-DD`) and minute of the day of `ms` in `timeZone`.
 *
 * @example
 * localTime(Date.parse('2026-12-04T01:00:00Z'), 'Asia/Shanghai'); // { day: '2026-12-04', minute: 540 }
 */
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

/**
 * `day` plus `n` days (`YYYY-MM-DD`, calendar arithmetic, no time zone involved).
 *
 * @example
 * addDays('2026-12-31', 1); // '2027-01-01'
 */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Epoch ms of local midnight starting `day` in `timeZone`. Found by correcting a UTC guess with the zone's
 * offset twice, so days that start or end on a daylight-saving change come out right.
 *
 * @example
 * new Date(dayStart('2026-12-03', 'Asia/Shanghai')).toISOString(); // '2026-12-02T16:00:00.000Z'
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
