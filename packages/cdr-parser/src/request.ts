import type { BodyProblem } from './body.ts';
import { oneLine } from './body.ts';
import { maskText } from './mask.ts';
import type { PushHeaders, PushKind, PushQuery } from './push-types.ts';

const KINDS: readonly PushKind[] = ['cdr', 'imcdr', 'record', 'voicemail'];

const first = (value: unknown): string | null => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : typeof one === 'number' ? String(one) : null;
};

/** A query parameter from any of the accepted query shapes; the first value when repeated. */
export function queryParam(query: PushQuery | null | undefined, name: string): string | null {
  if (query == null) return null;
  if (query instanceof URLSearchParams) return query.get(name);
  if (typeof query === 'string') {
    const start = query.indexOf('?');
    return new URLSearchParams(start === -1 ? query : query.slice(start + 1)).get(name);
  }
  return first(query[name]);
}

/** A header from a `Headers`-like object or a plain record, case-insensitively. */
export function headerValue(headers: PushHeaders | null | undefined, name: string): string | null {
  if (headers == null) return null;
  if (typeof headers.get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const record = headers as Readonly<Record<string, unknown>>;
  if (name in record) return first(record[name]);
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) if (key.toLowerCase() === wanted) return first(record[key]);
  return null;
}

/**
 * Reads `action` and `version`. A missing `version` is accepted for every action (Tencent documents none
 * for voicemail pushes; the others always send `1`); any other value than `1` is refused.
 */
export function pushKindOf(query: PushQuery | null | undefined): PushKind | BodyProblem {
  const action = queryParam(query, 'action');
  const kind = action?.trim().toLowerCase();
  if (!kind)
    return {
      code: 'unknown_action',
      message: `Missing "action" query parameter; the push URL must end in ?action=<${KINDS.join('|')}>`,
    };
  if (!(KINDS as readonly string[]).includes(kind))
    return {
      code: 'unknown_action',
      message: oneLine(
        `Unknown action ${maskText(JSON.stringify(action?.slice(0, 40)))}; expected one of ${KINDS.join(', ')}`,
      ),
    };
  const version = queryParam(query, 'version')?.trim();
  if (version !== undefined && version !== null && version !== '1')
    return {
      code: 'unsupported_version',
      message: oneLine(
        `Unsupported version ${JSON.stringify(version.slice(0, 20))} for action=${kind}; this parser understands version=1`,
      ),
    };
  return kind as PushKind;
}
