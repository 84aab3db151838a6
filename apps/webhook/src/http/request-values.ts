import type { PushKind } from '@ccc-kit/cdr-parser';

/** Longest request-derived text (an unknown action, an unusable push id) written to a log line or a row. */
export const MAX_ECHOED_CHARS = 64;

/**
 * `text` cut to `max` characters (with `…`) and its control characters escaped (`\u0000`): what the webhook
 * writes to a log line or a quarantine column when the value came from a request. Unbounded, 20,000
 * requests with 1 KB actions once made 81 MB of metrics; a NUL makes PostgreSQL refuse the row.
 */
export function bounded(text: string, max = MAX_ECHOED_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// A record rather than a list: adding a kind to the parser's `PushKind` fails to compile until it is here.
const KNOWN_ACTIONS: Readonly<Record<PushKind, true>> = {
  cdr: true,
  imcdr: true,
  record: true,
  voicemail: true,
};

/** The `action` label of the push metrics: one of Tencent's push actions, or `other` (never the raw value). */
export type ActionLabel = PushKind | 'other';

/** Maps the raw `action` query parameter to its label, as the parser reads it (trimmed, any case). */
export function actionLabel(raw: string | null): ActionLabel {
  // Longer than any action: not worth lower-casing a 16 KB string to find out.
  const action = raw && raw.length <= 32 ? raw.trim().toLowerCase() : '';
  return Object.hasOwn(KNOWN_ACTIONS, action) ? (action as PushKind) : 'other';
}

/** Tencent's push ids are UUIDs; anything printable up to this length is kept as the id. */
const USABLE_PUSH_ID = /^[\x21-\x7e]{1,128}$/;

/** The push id of a request: what dedupes Tencent's retries before the record's own key does. */
export interface PushIdHeader {
  /** The trimmed `X-TCCC-PUSH-UUID`, or null when absent, empty or unusable. */
  readonly id: string | null;
  /** The header, bounded for a log line, when it was present but unusable (too long, spaces or controls). */
  readonly ignored: string | null;
}

/**
 * Reads `X-TCCC-PUSH-UUID`: trimmed; empty or only whitespace means absent. A value no store can index (a
 * PostgreSQL index row holds about 2.7 KB) or that is not printable ASCII is ignored too: the push is then
 * deduplicated by its record's own key, as a push without the header is, instead of failing the insert.
 */
export function pushIdOf(header: string | readonly string[] | undefined): PushIdHeader {
  const value = typeof header === 'string' ? header.trim() : '';
  if (value === '') return { id: null, ignored: null };
  if (USABLE_PUSH_ID.test(value)) return { id: value, ignored: null };
  return { id: null, ignored: bounded(value) };
}

/** The decoded name of one `name=value` pair, as `URLSearchParams` reads it (`tok%65n` is `token`). */
const decodedName = (pair: string): string => {
  const equals = pair.indexOf('=');
  const raw = equals < 0 ? pair : pair.slice(0, equals);
  for (const [name] of new URLSearchParams(`${raw}=`)) return name;
  return '';
};

/**
 * The query string kept with a quarantined push: every parameter whose DECODED name is `token` (in any
 * case) has its value replaced by `***`, so `?tok%65n=…`, which authenticates like `?token=…`, is masked
 * too; everything else is kept as sent, for replay.
 */
export function maskedQuery(search: string): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      if (decodedName(pair).toLowerCase() !== 'token') return pair;
      const equals = pair.indexOf('=');
      return `${equals < 0 ? pair : pair.slice(0, equals)}=***`;
    })
    .join('&');
}
