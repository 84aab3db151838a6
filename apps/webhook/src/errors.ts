/** Error codes of {@link WebhookError}. */
export const WebhookErrorCode = {
  InvalidConfig: 'webhook_invalid_config',
  InvalidRoutes: 'webhook_invalid_routes',
  SlackAuth: 'webhook_slack_auth',
} as const;
/** Union of {@link WebhookErrorCode} values. */
export type WebhookErrorCode = (typeof WebhookErrorCode)[keyof typeof WebhookErrorCode];

/** Errors of the webhook app outside the store (which has `StoreError`). */
export class WebhookError extends Error {
  override name = 'WebhookError' as const;
  readonly code: WebhookErrorCode;
  /** Every problem found, one line each (config and routes report them all at once). */
  readonly problems: readonly string[];
  constructor(
    code: WebhookErrorCode,
    message: string,
    problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(problems.length ? `${message}\n  - ${problems.join('\n  - ')}` : message, options);
    this.code = code;
    this.problems = problems;
  }
}

/** True when `error` is a {@link WebhookError}. */
export const isWebhookError = (error: unknown): error is WebhookError =>
  error instanceof WebhookError || (error as { name?: unknown } | null)?.name === 'WebhookError';
