import type { IvrKeyPressedElement } from '@ccc-kit/schemas';
import { oneLine } from './body.ts';
import { maskText } from './mask.ts';
import type { Durations, IvrKey, TimelineEvent } from './record-types.ts';

/** Largest Unix second a `Date` can hold. */
const MAX_SECONDS = 8.64e12;

/** A Unix-seconds field as a number, or `null` for 0/absent/absurd values ("never happened", not 1970). */
export const seconds = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_SECONDS ? value : null;

/** Unix seconds to a `Date`, `null` when the moment never happened. */
export const dateOf = (value: number | null | undefined): Date | null => {
  const s = seconds(value);
  return s === null ? null : new Date(s * 1000);
};

/**
 * IVR key `Timestamp`s are documented in Unix milliseconds; values that can only be seconds (before
 * 1973 as milliseconds) are read as seconds.
 */
export const keyDateOf = (value: number | null | undefined): Date | null =>
  typeof value === 'number' && value > 0 && value < 1e11 ? dateOf(value) : dateOf((value ?? 0) / 1000);

/** Whole seconds from `from` to `to`; 0 when either is unknown or the order is reversed. */
export const span = (from: number | null, to: number | null): number =>
  from !== null && to !== null && to > from ? Math.round(to - from) : 0;

/** The moments a session's phases are measured between (Unix seconds or `null`). */
export interface Moments {
  readonly start: number | null;
  readonly queued: number | null;
  readonly firstRing: number | null;
  readonly accept: number | null;
  readonly end: number | null;
}

/** Phase durations; inbound sessions (and chats) have IVR and queue phases, outbound calls do not. */
export function durationsOf(m: Moments, inbound: boolean): Durations {
  const afterRing = m.accept ?? m.end;
  const talk = m.accept !== null ? span(m.accept, m.end) : 0;
  const total = span(m.start, m.end);
  if (!inbound)
    return {
      ivr: 0,
      queueWait: 0,
      ring: m.firstRing !== null ? span(m.firstRing, afterRing) : 0,
      talk,
      total,
    };
  return {
    ivr: span(m.start, m.queued ?? m.firstRing ?? afterRing),
    queueWait: m.queued !== null ? span(m.queued, m.firstRing ?? afterRing) : 0,
    ring: m.firstRing !== null ? span(m.firstRing, afterRing) : 0,
    talk,
    total,
  };
}

/** Free text made safe to show: one line, long digit runs masked, at most `max` characters. */
export const display = (text: string, max = 200): string => oneLine(maskText(text), max);

/**
 * Orders events by time. An event without a time keeps its place after the event that precedes it in the
 * logical order it was built in (IVR keys after "started", a survey before "ended").
 */
export function orderTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  let last = Number.NEGATIVE_INFINITY;
  const keyed = events.map((event, index) => {
    if (event.at) last = event.at.getTime();
    return { event, index, key: event.at ? event.at.getTime() : last };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return keyed.map((k) => k.event);
}

/** IVR keys: `IVRKeyPressedEx` (with labels) when present, else the plain `IVRKeyPressed` strings. */
export function ivrKeysOf(plain: readonly unknown[], extended: readonly IvrKeyPressedElement[]): IvrKey[] {
  const rich = extended
    .map((k) => ({
      key: display(k.Key ?? k.OriginalContent ?? '', 80),
      label: k.Label ? display(k.Label, 80) : null,
    }))
    .filter((k) => k.key !== '');
  if (rich.length > 0) return rich;
  return plain
    .filter((k): k is string => typeof k === 'string' && k !== '')
    .map((k) => ({ key: display(k, 80), label: null }));
}

/** Timeline events for IVR keys (one per timed key, or one summary event for untimed plain keys). */
export function ivrKeyEvents(
  plain: readonly unknown[],
  extended: readonly IvrKeyPressedElement[],
  where: string,
): TimelineEvent[] {
  const timed = extended.filter((k) => k.Key ?? k.OriginalContent);
  if (timed.length > 0)
    return timed.map((k) => ({
      at: keyDateOf(k.Timestamp),
      type: 'ivr_key',
      text: display(`Pressed ${k.Key ?? k.OriginalContent}${k.Label ? ` (${k.Label})` : ''} in ${where}`),
    }));
  const keys = ivrKeysOf(plain, []);
  if (keys.length === 0) return [];
  return [
    { at: null, type: 'ivr_key', text: display(`Pressed ${keys.map((k) => k.key).join(', ')} in ${where}`) },
  ];
}

/** A list field that may be missing when a caller passes unvalidated JSON. */
export const list = <T>(value: readonly T[] | null | undefined): readonly T[] =>
  Array.isArray(value) ? value : [];
