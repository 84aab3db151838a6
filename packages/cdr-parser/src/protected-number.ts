import type { CdrPush } from '@ccc-kit/schemas';

/** What records show for a party whose number Tencent's number protection hid. */
export const PROTECTED_NUMBER_TEXT = 'protected number';

/**
 * Tencent's number-protection form of a party (`ProtectedCaller`/`ProtectedCallee`), trimmed; `null` when
 * absent or blank. With number protection on, Tencent leaves `Caller`/`Callee` empty and sends the
 * protected form instead: an id the enterprise's mapping service chose (Tencent's example: `139abcdefg` for
 * `139…`). The CDR push schema checks it as it checks `Caller` (length, no control characters).
 */
export function protectedNumberOf(cdr: CdrPush, field: 'ProtectedCaller' | 'ProtectedCallee'): string | null {
  const text = cdr[field]?.trim() ?? '';
  return text === '' ? null : text;
}
