import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';

/** What the relay does after a failed Slack call. */
export type SlackFailure =
  | { readonly action: 'wait'; readonly ms: number; readonly reason: string }
  | { readonly action: 'retry'; readonly reason: string }
  | { readonly action: 'dead'; readonly reason: string }
  | { readonly action: 'stop'; readonly reason: string };

/** Slack errors that no retry can fix: the message goes to the dead letters with the reason. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_arguments',
  'restricted_action',
  'message_not_found',
  // chat.update of a post someone deleted, or past the workspace's edit window.
  'cant_update_message',
  'edit_window_closed',
]);
/** Slack errors that mean the token is unusable: stop the relay instead of burning retries. */
const AUTH = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'no_permission',
]);

/** Classifies an error thrown by `@slack/web-api` (with `rejectRateLimitedCalls: true`). */
export function classifySlackError(error: unknown): SlackFailure {
  const code = (error as { code?: string } | null)?.code;
  if (code === ErrorCode.RateLimitedError) {
    const seconds = (error as WebAPIRateLimitedError).retryAfter;
    return {
      action: 'wait',
      ms: Math.max(1, seconds) * 1000,
      reason: `rate limited (Retry-After ${seconds}s)`,
    };
  }
  if (code === ErrorCode.PlatformError) {
    const slackError = (error as WebAPIPlatformError).data.error;
    if (AUTH.has(slackError)) return { action: 'stop', reason: slackError };
    if (PERMANENT.has(slackError)) return { action: 'dead', reason: slackError };
    return { action: 'retry', reason: slackError };
  }
  if (code === ErrorCode.HTTPError) {
    return { action: 'retry', reason: `HTTP ${(error as { statusCode?: number }).statusCode ?? 'error'}` };
  }
  return { action: 'retry', reason: (error as Error | null)?.message ?? 'unknown error' };
}
