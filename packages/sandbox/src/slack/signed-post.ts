import { type SignatureTamper, signatureHeaders } from './signing.ts';
import type { JsonObject } from './types.ts';

// Apart from app-requests.ts so that `pnpm sandbox` and the Events API sender use the same signed POST
// without the interaction senders (and their response URLs) coming along.

/** Where and how a signed request to an app travels. */
export interface SignedTransport {
  /** The app's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  readonly url: string;
  /** Break the signature on purpose (tests of rejection). */
  readonly tamper?: SignatureTamper;
  /** Unix seconds to sign with; defaults to the real clock, since the app checks against its own. */
  readonly timestamp?: number;
  /** Give up after this long, like Slack's 3-second ack window (default 3000). */
  readonly timeoutMs?: number;
  /** Extra headers, e.g. `x-slack-retry-num`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** How the app answered a signed request. */
export interface SignedAnswer {
  /** HTTP status; 0 when the app did not answer within `timeoutMs`. */
  readonly status: number;
  /** Raw response body ('' on timeout). */
  readonly body: string;
  /** The body parsed as JSON when it is JSON (e.g. `ack({ text })`). */
  readonly json: unknown;
  /** Time until the answer (or the timeout). */
  readonly elapsedMs: number;
  readonly timedOut: boolean;
}

/** What signing needs: the secret, and the fetch to send with. */
export interface Signer {
  readonly signingSecret: string;
  readonly fetch: typeof globalThis.fetch;
}

/**
 * POSTs `body` of `contentType` to `options.url` signed as Slack signs (v0), and reads the answer: status,
 * body, JSON when it is JSON. A timeout is an answer (`status` 0, `timedOut`); any other failure
 * (connection refused) throws. Forms carry commands and interactions, JSON the Events API.
 */
export async function postSigned(
  deps: Signer,
  options: SignedTransport,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
): Promise<SignedAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': contentType,
    ...signatureHeaders(deps.signingSecret, body, timestamp, options.tamper),
    ...options.headers,
  };
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs ?? 3000);
  try {
    const response = await deps.fetch(options.url, { method: 'POST', headers, body, signal });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const elapsedMs = performance.now() - started;
    return { status: response.status, body: text, json, elapsedMs, timedOut: false };
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    return { status: 0, body: '', json: undefined, elapsedMs: performance.now() - started, timedOut: true };
  }
}

/** {@link postSigned} of a form; used by the emulator's senders and by `pnpm sandbox slash|click`. */
export function postSignedForm(
  deps: Signer,
  options: SignedTransport,
  form: URLSearchParams,
): Promise<SignedAnswer> {
  return postSigned(deps, options, form.toString(), 'application/x-www-form-urlencoded');
}

/** POSTs an interaction payload as Slack does: JSON in the `payload` field of a signed form. */
export function postPayload(
  deps: Signer,
  options: SignedTransport,
  payload: JsonObject,
): Promise<SignedAnswer> {
  return postSignedForm(deps, options, new URLSearchParams({ payload: JSON.stringify(payload) }));
}
