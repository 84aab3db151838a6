import { context, section } from './blocks.ts';
import { escapeMrkdwn, mrkdwnCode, oneLine } from './escape.ts';
import { fitToLimits } from './limits.ts';
import { clipText } from './truncate.ts';
import type { SlackMessage } from './types.ts';

/** An error described for people: what {@link errorMessage} shows as it is (`message`, `hint`). */
export interface UserFacingError {
  /** A package code (`ccc_client_timeout`), a Tencent code (`LimitExceeded`) or a Desk number. */
  readonly code?: string | number;
  /** What went wrong, written for the requester (never shown for `Error` instances). */
  readonly message?: string;
  /** Tencent's RequestId or the app's own reference, shown so an admin can find the logs. */
  readonly requestId?: string;
  /** What to do next. */
  readonly hint?: string;
}

/** Options of {@link errorMessage}. */
export interface ErrorMessageOptions {
  /** Reference shown when the error carries no request id: pass the id the app logged with the error. */
  readonly reference?: string;
  /** Source of the fallback reference when neither is given. Default: 8 hex characters of a random UUID. */
  readonly random?: () => string;
}

interface Explanation {
  readonly what: string;
  readonly todo: string;
}

const RETRY = 'Try again in a minute.';
const ADMIN = 'Ask your Slack admin to check the contact center connection.';
// Matched against the end of a package code or the start of a Tencent code: the wording users see.
const KNOWN: ReadonlyArray<readonly [RegExp, Explanation]> = [
  [/_timeout$/, { what: 'The contact center did not answer in time.', todo: RETRY }],
  [/_network_error$/, { what: 'The contact center could not be reached.', todo: RETRY }],
  [/_http_error$|^InternalError/, { what: 'The contact center reported an internal error.', todo: RETRY }],
  [/^(Request)?LimitExceeded/, { what: 'Too many lookups are running right now.', todo: RETRY }],
  [
    /_credentials_error$|^AuthFailure/,
    { what: 'The app could not sign in to the contact center.', todo: ADMIN },
  ],
  [/^UnauthorizedOperation/, { what: 'The app is not allowed to read these records.', todo: ADMIN }],
  [
    /^FailedOperation\.SessionNotExists|^ResourceNotFound/,
    {
      what: 'No session with that id was found in that time range.',
      todo: 'Check the session id, or look further back.',
    },
  ],
  [
    /_invalid_window$|_invalid_argument$|^InvalidParameter/,
    {
      what: 'That lookup could not be run as asked.',
      todo: 'Check the session id and the dates (at most 180 days back).',
    },
  ],
];

const GENERIC: Explanation = {
  what: 'Something went wrong while looking this up.',
  todo: 'Try again in a minute; if it keeps failing, give this reference to your admin:',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : typeof value === 'number' ? String(value) : undefined;
// Signed recording links or tokens could ride along in a message: links never reach the channel.
const scrub = (text: string): string =>
  clipText(oneLine(text).replace(/\bhttps?:\/\/\S+/gi, '[link removed]'), 500);
const safeReference = (value: string | undefined): string | undefined =>
  value && /^[\w.:-]{1,80}$/.test(value) ? value : undefined;

function explain(error: unknown): Explanation & { readonly reference: string | undefined } {
  if (!isObject(error)) return { ...GENERIC, reference: undefined };
  const code = str(error.code);
  const reference = safeReference(str(error.requestId));
  const known = code ? KNOWN.find(([pattern]) => pattern.test(code))?.[1] : undefined;
  const message = str(error.message);
  // Only a plain object built for people may speak for itself; an Error's message is for logs.
  if (!(error instanceof Error) && message)
    return { what: scrub(message), todo: scrub(str(error.hint) ?? known?.todo ?? RETRY), reference };
  return { ...(known ?? GENERIC), reference };
}

/**
 * The reply for a failed lookup: what went wrong and what to do, with a reference an admin can find in the
 * logs. Never shows a stack, an `Error`'s raw message or a link; unknown errors get a generic sentence.
 *
 * @example
 * errorMessage(new CccError('ccc_client_timeout', 'POST https://… timed out', { requestId: 'r-1' }));
 * // ":warning: The contact center did not answer in time. Try again in a minute." + "Reference: `r-1`"
 */
export function errorMessage(error: unknown, options: ErrorMessageOptions = {}): SlackMessage {
  const { what, todo, reference: fromError } = explain(error);
  const reference =
    fromError ??
    safeReference(options.reference) ??
    (options.random ?? (() => crypto.randomUUID().slice(0, 8)))();
  const body = `${escapeMrkdwn(todo)}${todo.endsWith(':') ? ` ${mrkdwnCode(reference)}` : ''}`;
  return fitToLimits({
    text: `${escapeMrkdwn(what)} ${escapeMrkdwn(todo.replace(/:$/, '.'))}`,
    blocks: [
      section(`:warning: *${escapeMrkdwn(what)}*\n${body}`),
      context([`Reference: ${mrkdwnCode(reference)}`]),
    ],
  });
}
