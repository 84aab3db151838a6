const ELLIPSIS = '…';

// Where a cut at `at` would split a `&amp;` entity, a `<…|…>` token or a surrogate pair, cut before it.
function safeCut(text: string, at: number): number {
  let cut = at;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp <= 6 && !text.slice(amp, cut).includes(';')) {
    const semi = text.indexOf(';', amp);
    if (semi !== -1 && semi - amp <= 6 && semi >= cut) cut = amp;
  }
  const open = text.lastIndexOf('<', cut - 1);
  if (open !== -1 && text.lastIndexOf('>', cut - 1) < open) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/**
 * Shortens `text` to at most `max` characters, ending with `…`. Never cuts through a mrkdwn entity
 * (`&amp;`), a link or date token (`<…>`) or an emoji's surrogate pair.
 *
 * @example
 * clipText('hello world', 8); // 'hello w…'
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, Math.max(0, max - ELLIPSIS.length));
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** How {@link fitLines} shortens a list of lines. */
export interface FitLinesOptions {
  /** Character budget of the joined text. */
  readonly maxChars: number;
  /** At most this many lines (before the "more" note). */
  readonly maxLines?: number;
  /** What the lines are, for the note: `… 12 more events`. */
  readonly noun: string;
  /** Lines kept from the end (e.g. the hang-up at the end of a timeline). Default 0. */
  readonly keepLast?: number;
}

const moreNote = (count: number, noun: string): string => `_${ELLIPSIS} ${count} more ${noun}_`;

/**
 * Joins lines with `\n`, dropping whole lines from the middle (or the end) when they do not fit, and
 * saying how many were left out: `_… 12 more events_`. A single line longer than the budget is clipped.
 *
 * @example
 * fitLines(['a', 'b', 'c', 'd'], { maxChars: 100, maxLines: 2, noun: 'events', keepLast: 1 });
 * // 'a\n_… 2 more events_\nd'
 */
export function fitLines(lines: readonly string[], options: FitLinesOptions): string {
  const { maxChars, noun } = options;
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  const all = lines.join('\n');
  if (lines.length <= maxLines && all.length <= maxChars) return all;
  const tail = lines.slice(Math.max(0, lines.length - (options.keepLast ?? 0)));
  const head = lines.slice(0, lines.length - tail.length);
  const note = moreNote(lines.length, noun); // the longest the note can be
  let budget = maxChars - note.length - 1 - tail.reduce((n, line) => n + line.length + 1, 0);
  const kept: string[] = [];
  for (const line of head) {
    if (kept.length + tail.length >= maxLines || line.length + 1 > budget) break;
    kept.push(line);
    budget -= line.length + 1;
  }
  if (kept.length === 0 && tail.length === 0) return clipText(all, maxChars);
  const dropped = lines.length - kept.length - tail.length;
  return clipText([...kept, moreNote(dropped, noun), ...tail].join('\n'), maxChars);
}
