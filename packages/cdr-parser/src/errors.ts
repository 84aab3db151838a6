/**
 * Codes of {@link CdrParserError}. Bad push bodies are not errors: `parsePush` returns them as values
 * (`{ ok: false, error }`); these codes are for programming mistakes only.
 */
export const CdrParserErrorCode = {
  /** An option is out of range (e.g. `maxBodyBytes: 0`, an unknown `timeZone`). */
  InvalidOption: 'cdr_parser_invalid_option',
  /** A record builder was given something that is not a validated push (e.g. `null`, no `SessionId`). */
  InvalidInput: 'cdr_parser_invalid_input',
} as const;
/** Union of {@link CdrParserErrorCode} values. */
export type CdrParserErrorCode = (typeof CdrParserErrorCode)[keyof typeof CdrParserErrorCode];

/** The one error class of `@ccc-kit/cdr-parser`, thrown only for misuse (see {@link CdrParserErrorCode}). */
export class CdrParserError extends Error {
  override name = 'CdrParserError' as const;
  readonly code: CdrParserErrorCode;
  constructor(code: CdrParserErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link CdrParserError}, also across module copies. */
export const isCdrParserError = (error: unknown): error is CdrParserError =>
  error instanceof CdrParserError || (error as { name?: unknown } | null)?.name === 'CdrParserError';

/** Throws `cdr_parser_invalid_option` unless `value` is an integer within `[min, max]`. */
export function assertIntegerOption(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new CdrParserError(
      CdrParserErrorCode.InvalidOption,
      `Option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
}
