import { describeIssues, safeParsePushReply } from '@ccc-kit/schemas';
import type { Scheduler } from '@ccc-kit/timers';
import type { PushItem } from './push-item.ts';

/** How push requests authenticate: HTTP Basic, or a token in the query (`?token=`) or header (`Bearer`). */
export type PusherAuth =
  | { readonly basic: { readonly user: string; readonly password: string } }
  | { readonly token: string; readonly in: 'query' | 'header' };

/** Why an attempt failed. */
export type AttemptFailureReason =
  /** HTTP status outside 2xx (redirects are not followed). */
  | 'http_status'
  /** 2xx, but not JSON `{ErrCode: number, ErrMsg: string}`. */
  | 'invalid_reply'
  /** A valid reply with `ErrCode` other than 0. */
  | 'err_code'
  /** No complete answer within `timeoutMs`. */
  | 'timeout'
  /** Connection refused/reset, DNS, TLS… */
  | 'network';

/** Outcome of one HTTP attempt. */
export interface AttemptOutcome {
  /** HTTP status, `null` when no response arrived. */
  readonly status: number | null;
  /** Response body text, `null` when none was read. */
  readonly reply: string | null;
  /** `null` when accepted (`ErrCode: 0`). */
  readonly failure: { readonly reason: AttemptFailureReason; readonly message: string } | null;
}

/** What every attempt needs. */
export interface AttemptSettings {
  readonly url: URL;
  readonly auth: PusherAuth | undefined;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  /** Whose timer ends an attempt after `timeoutMs`. */
  readonly scheduler: Scheduler;
  /** Add `version=1` to voicemail pushes too (the docs show none). */
  readonly voicemailVersion: boolean;
}

/** The push URL: the configured one (its own query kept) plus `action`, `version` and a query token. */
export function pushUrl(settings: AttemptSettings, item: PushItem): string {
  const url = new URL(settings.url);
  url.searchParams.set('action', item.action);
  if (item.action !== 'voicemail' || settings.voicemailVersion) url.searchParams.set('version', '1');
  if (settings.auth && 'token' in settings.auth && settings.auth.in === 'query')
    url.searchParams.set('token', settings.auth.token);
  return url.toString();
}

/** Headers as Tencent sends them, plus the configured credentials. */
export function pushHeaders(auth: PusherAuth | undefined, pushId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json;charset=utf8',
    'x-tccc-push-uuid': pushId,
  };
  if (auth && 'basic' in auth) {
    const pair = `${auth.basic.user}:${auth.basic.password}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else if (auth?.in === 'header') headers.authorization = `Bearer ${auth.token}`;
  return headers;
}

/** Accepts only HTTP 2xx with a JSON `PushReply` whose `ErrCode` is 0, as Tencent documents. */
export function judgeReply(status: number, reply: string): AttemptOutcome['failure'] {
  if (status < 200 || status > 299) return { reason: 'http_status', message: `HTTP ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(reply);
  } catch {
    return { reason: 'invalid_reply', message: 'reply is not JSON' };
  }
  const parsed = safeParsePushReply(json);
  if (!parsed.ok)
    return {
      reason: 'invalid_reply',
      message: `reply is not {ErrCode, ErrMsg}: ${describeIssues(parsed.issues)}`,
    };
  return parsed.value.ErrCode === 0
    ? null
    : { reason: 'err_code', message: `ErrCode ${parsed.value.ErrCode}: ${parsed.value.ErrMsg}` };
}

/** The error code (`ECONNRESET`…) or message of a failed fetch, with any credential masked. */
function networkMessage(error: unknown, auth: PusherAuth | undefined): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = cause?.code ?? cause?.message ?? (error as Error | null)?.message;
  const text = typeof code === 'string' ? code : String(error);
  const secret = auth && ('basic' in auth ? auth.basic.password : auth.token);
  return secret ? text.replaceAll(secret, '***') : text;
}

/** POSTs one push once; never throws. */
export async function attemptPush(
  settings: AttemptSettings,
  item: PushItem,
  body: string,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = settings.scheduler.setTimeout(() => controller.abort(), settings.timeoutMs);
  let status: number | null = null;
  try {
    const response = await settings.fetch(pushUrl(settings, item), {
      method: 'POST',
      headers: pushHeaders(settings.auth, item.pushId),
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    status = response.status;
    const reply = await response.text();
    return { status, reply, failure: judgeReply(status, reply) };
  } catch (error) {
    const failure = controller.signal.aborted
      ? { reason: 'timeout' as const, message: `no complete reply within ${settings.timeoutMs} ms` }
      : { reason: 'network' as const, message: networkMessage(error, settings.auth) };
    return { status, reply: null, failure };
  } finally {
    settings.scheduler.clearTimeout(timer);
  }
}
