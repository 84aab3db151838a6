import * as v from 'valibot';
import type { OptionSpec } from './options.ts';

/** A schema of one option's text (absent: undefined) that gives `T`. */
export type OptionSchema<T> = v.GenericSchema<string | undefined, T>;

/** A whole number option within [min, max], with a default. */
export const whole = (name: string, fallback: number, min: number, max: number): OptionSchema<number> =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d+$/, `--${name} takes a whole number`),
    v.transform(Number),
    v.minValue(min, `--${name} is at least ${min}`),
    v.maxValue(max, `--${name} is at most ${max}`),
  );

/** A TCP port option (0 = any free port). */
export const port = (name: string, fallback: number): OptionSchema<number> =>
  whole(name, fallback, 0, 65_535);

/** An absolute http(s) URL option, with a default. */
export const httpUrl = (name: string, fallback: string): OptionSchema<string> =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.check(
      (text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol),
      `--${name} takes an absolute http(s) URL, like ${fallback}`,
    ),
  );

/** A duration option (`500ms`, `5s`, `0`), in milliseconds. */
export const duration = (name: string, fallback: string): OptionSchema<number> =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(/^(0|\d+(ms|s))$/, `--${name} takes a duration like 500ms or 5s`),
    v.transform((text) =>
      text.endsWith('ms') ? Number(text.slice(0, -2)) : Number(text.replace('s', '')) * 1000,
    ),
  );

/** 00:00 UTC yesterday, Unix seconds: the day `startSandbox` generates by default. */
export const yesterday = (nowMs: number = Date.now()): number =>
  Math.floor(nowMs / 86_400_000) * 86_400 - 86_400;

/** Midnight UTC of a `YYYY-MM-DD` day, Unix seconds; undefined unless it is a real day (no 2025-02-31). */
const midnightOf = (text: string): number | undefined => {
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls 2025-02-31 over to March: a real day reads back the same.
  return /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    Number.isFinite(ms) &&
    new Date(ms).toISOString().startsWith(text)
    ? ms / 1000
    : undefined;
};

/**
 * The `--day` option: a UTC calendar day (`2025-03-01`) as the Unix seconds of its midnight; default
 * yesterday, as `startSandbox` does. `serve` and `push` must agree on it to tell the same story.
 */
export const day: OptionSchema<number> = v.optional(
  v.pipe(
    v.string(),
    v.check((text) => midnightOf(text) !== undefined, '--day takes a real date like 2025-03-01'),
    v.transform((text) => midnightOf(text) as number),
  ),
  () => isoDay(yesterday()),
);

/** The options every command that generates a day takes: the same values give the same calls and chats. */
export const DAY_OPTIONS: Readonly<Record<'seed' | 'calls' | 'chats' | 'day', OptionSpec>> = {
  seed: { type: 'string' },
  calls: { type: 'string' },
  chats: { type: 'string' },
  day: { type: 'string' },
};

/** Schema entries of {@link DAY_OPTIONS}. */
export const dayEntries: Readonly<Record<'seed' | 'calls' | 'chats' | 'day', OptionSchema<number>>> = {
  seed: whole('seed', 1, 0, 2 ** 31),
  calls: whole('calls', 40, 0, 100_000),
  chats: whole('chats', 12, 0, 10_000),
  day: day,
};

/** `2025-03-01` for Unix seconds. */
export const isoDay = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);
