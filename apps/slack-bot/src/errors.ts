/** Error codes of {@link BotError}. */
export const BotErrorCode = {
  /** The command's backend (CCC or Desk) has no credentials on this deployment. */
  NotConfigured: 'slack_bot_not_configured',
  /** The user or channel is not on an allowlist. */
  Forbidden: 'slack_bot_forbidden',
  /** A button value that this bot did not produce (or an older format). */
  InvalidAction: 'slack_bot_invalid_action',
  /** Slack refused the bot token at startup (auth.test). */
  SlackAuth: 'slack_bot_slack_auth',
  /** A Slack user named in a command could not be matched to an email (no scope, no email, not found). */
  PersonUnknown: 'slack_bot_person_unknown',
  /** The webhook (follow-ups) did not answer, or not as expected. */
  WebhookUnavailable: 'slack_bot_webhook_unavailable',
  /** Neither backend knows the session id (no chat, and no call in the searched window). */
  SessionNotFound: 'slack_bot_session_not_found',
} as const;
/** Union of {@link BotErrorCode} values. */
export type BotErrorCode = (typeof BotErrorCode)[keyof typeof BotErrorCode];

/** Errors raised by the bot itself (Tencent and Slack errors keep their own classes, chained as `cause`). */
export class BotError extends Error {
  override name = 'BotError' as const;
  readonly code: BotErrorCode;
  constructor(code: BotErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link BotError}, also across module copies. */
export const isBotError = (error: unknown): error is BotError =>
  error instanceof BotError || (error as { name?: unknown } | null)?.name === 'BotError';
