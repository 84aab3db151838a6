import { type CdrPush, MAX_NUMBER_LENGTH, NO_CONTROL_CHARACTERS } from '@ccc-kit/schemas';

/** What records show for a party whose number Tencent's number protection hid. */
export const PROTECTED_NUMBER_TEXT = 'protected number';

/**
 * Tencent's number-protection form of a party (`ProtectedCaller`/`ProtectedCallee`), trimmed; `null` when
 * absent, blank or unusable. With number protection on, Tencent leaves `Caller`/`Callee` empty and sends
 * the protected form instead: an id the enterprise's mapping service chose (Tencent's example: `139abcdefg`
 * for `139…`). The CDR push schema does not list these fields (they are documented for DescribeTelCdr), so
 * they arrive as extra keys of the loose payload and are checked here as `numberText` checks `Caller`: at
 * most `MAX_NUMBER_LENGTH` characters, no control characters.
 */
export function protectedNumberOf(cdr: CdrPush, field: 'ProtectedCaller' | 'ProtectedCallee'): string | null {
  const value: unknown = cdr[field];
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text !== '' && text.length <= MAX_NUMBER_LENGTH && NO_CONTROL_CHARACTERS.test(text) ? text : null;
}
