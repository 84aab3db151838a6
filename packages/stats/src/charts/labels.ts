/** Longest label drawn, in columns: a CJK character takes two, a Latin letter one (so 12 hanzi or 24 letters). */
export const MAX_LABEL_COLUMNS = 24;

/** Code point ranges drawn full width: CJK, kana, Hangul, fullwidth forms and the supplementary ideographs. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

const columnsOf = (char: string): number => {
  const code = char.codePointAt(0) ?? 0;
  return WIDE_RANGES.some(([first, last]) => code >= first && code <= last) ? 2 : 1;
};

/**
 * A name made safe to draw on one line: control characters and runs of white space become one space, and a
 * name wider than `maxColumns` is cut (never inside a surrogate pair) and ends with `…`.
 * @example
 * ```ts
 * truncateLabel('售后服务组（华东区）夜间值班', 16); // '售后服务组（华…'
 * ```
 */
export function truncateLabel(name: string, maxColumns: number = MAX_LABEL_COLUMNS): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  const flat = name.replace(/[\u0000-\u001f\u007f\s]+/gu, ' ').trim();
  const chars = Array.from(flat);
  if (chars.reduce((sum, char) => sum + columnsOf(char), 0) <= maxColumns) return flat;
  // One column is kept for the ellipsis, so the cut label is never wider than `maxColumns`.
  let used = 1;
  let cut = '';
  for (const char of chars) {
    used += columnsOf(char);
    if (used > maxColumns) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/**
 * Width of one line of text in CSS pixels, over- rather than under-estimated (a wide character is one em, any
 * other 0.6 em), for layout decisions made before ECharts draws: it cannot measure with the real font either.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += columnsOf(char) === 2 ? fontSize : 0.6 * fontSize;
  return width;
}

/**
 * Seconds as a short duration for axes and bar labels: `45s`, `2m 05s`, `2m`, `1h 03m`. Values are rounded to
 * whole seconds (whole minutes from an hour on).
 * @example
 * ```ts
 * formatSeconds(125); // '2m 05s'
 * ```
 */
export function formatSeconds(seconds: number): string {
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  if (total < 3600) {
    const rest = total % 60;
    return rest === 0 ? `${Math.floor(total / 60)}m` : `${Math.floor(total / 60)}m ${pad(rest)}s`;
  }
  const minutes = Math.round(total / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)}h` : `${Math.floor(minutes / 60)}h ${pad(rest)}m`;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** Tick steps that read well as durations: seconds, then whole minutes, then whole hours. */
const DURATION_STEPS = [
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 21_600,
];

/**
 * Value-axis bounds for durations up to `maxSeconds`: at most six ticks on a duration step (`30s`, `1m`,
 * `5m`, …) rather than ECharts' decimal steps, which would give ticks like `1m 40s`.
 */
export function durationAxis(maxSeconds: number): { min: number; max: number; interval: number } {
  const top = Math.max(maxSeconds, 1);
  const interval = DURATION_STEPS.find((step) => top / step <= 6) ?? Math.ceil(top / 6 / 86_400) * 86_400;
  return { min: 0, max: Math.ceil(top / interval) * interval, interval };
}
