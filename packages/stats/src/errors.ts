/**
 * Codes of {@link StatsError}. The metrics never throw on odd records (they count them in a bucket);
 * these codes are for misuse (bad options) and for a chart that could not be drawn.
 */
export const StatsErrorCode = {
  /** An option is out of range or unknown (e.g. `serviceLevelSeconds: -1`, `timeZone: 'Mars/Base'`). */
  InvalidOption: 'stats_invalid_option',
  /** A chart could not be rendered to PNG (the renderer's error is the `cause`). */
  RenderFailed: 'stats_render_failed',
} as const;
/** Union of {@link StatsErrorCode} values. */
export type StatsErrorCode = (typeof StatsErrorCode)[keyof typeof StatsErrorCode];

/**
 * The one error class of `@ccc-kit/stats`; `code` is stable and greppable, `cause` is chained.
 * @example
 * ```ts
 * try { createCallStats({ timeZone: 'Mars/Base' }); }
 * catch (error) { if (isStatsError(error)) console.log(error.code); } // 'stats_invalid_option'
 * ```
 */
export class StatsError extends Error {
  override name = 'StatsError' as const;
  readonly code: StatsErrorCode;
  constructor(code: StatsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link StatsError}, also across module copies (checks `name` as a fallback). */
export const isStatsError = (error: unknown): error is StatsError =>
  error instanceof StatsError || (error as { name?: unknown } | null)?.name === 'StatsError';
