/** What a callback started from Slack carries in CreateCallOutSession's `UUI` (Tencent allows 1,024 bytes). */
interface CallbackUui {
  readonly ccc: 'callback';
  /** The missed call it calls back. */
  readonly missed: string;
}

const SESSION_ID = /^[\w.:-]{1,128}$/;

/**
 * The `UUI` of a callback for the missed call `missedSessionId`: small JSON that the callback's CDR brings
 * back (`Uui`/`UUI`), so its post can name the missed call.
 *
 * @example
 * callbackUui('0cf5be1b-de75-4445-a0c4-8dff3fa4b68b'); // '{"ccc":"callback","missed":"0cf5be1b-…"}'
 */
export function callbackUui(missedSessionId: string): string {
  if (!SESSION_ID.test(missedSessionId)) throw new TypeError('callbackUui needs a session id');
  return JSON.stringify({ ccc: 'callback', missed: missedSessionId } satisfies CallbackUui);
}

/**
 * The missed call a CDR's UUI says it calls back (see {@link callbackUui}), or null for any other UUI
 * (Tencent's, a CRM's, or text that only looks similar). Never throws.
 *
 * @example
 * missedCallOfUui(record.uui); // '0cf5be1b-…' or null
 */
export function missedCallOfUui(uui: string | null | undefined): string | null {
  if (!uui || uui.length > 1024 || !uui.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(uui) as Partial<CallbackUui> | null;
    const missed = parsed?.ccc === 'callback' ? parsed.missed : undefined;
    return typeof missed === 'string' && SESSION_ID.test(missed) ? missed : null;
  } catch {
    return null;
  }
}
