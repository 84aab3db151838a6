import * as v from 'valibot';

/** One validation problem, flattened so it can be logged, returned over HTTP or shown to a person. */
export interface SchemaIssue {
  /** Dotted path to the offending value, e.g. `ServeParticipants.0.Sequence`; empty for the root. */
  readonly path: string;
  /** Human readable explanation, e.g. `Invalid type: Expected string but received 42`. */
  readonly message: string;
  /** What the schema expected, e.g. `string`, when valibot knows it. */
  readonly expected: string | null;
  /** What was received, e.g. `42`. */
  readonly received: string;
}

/** Result of a `safeParse*` helper: the typed value, or the list of issues. Never throws. */
export type SafeParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/** Error codes of {@link SchemaError}. */
export const SchemaErrorCode = { Invalid: 'schemas_invalid_payload' } as const;
/** Union of {@link SchemaErrorCode} values. */
export type SchemaErrorCode = (typeof SchemaErrorCode)[keyof typeof SchemaErrorCode];

/** Thrown by the `parse*` helpers when a payload does not match its schema. */
export class SchemaError extends Error {
  override name = 'SchemaError' as const;
  readonly code: SchemaErrorCode = SchemaErrorCode.Invalid;
  /** Every problem found, with paths. */
  readonly issues: readonly SchemaIssue[];
  constructor(what: string, issues: readonly SchemaIssue[], options?: ErrorOptions) {
    super(`Invalid ${what}: ${describeIssues(issues)}`, options);
    this.issues = issues;
  }
}

/** True when `error` is a {@link SchemaError}, also across module copies. */
export const isSchemaError = (error: unknown): error is SchemaError =>
  error instanceof SchemaError || (error as { name?: unknown } | null)?.name === 'SchemaError';

/** Formats issues as one line: `SessionId: Invalid type: Expected string but received 42; …`. */
export function describeIssues(issues: readonly SchemaIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > max ? `; … ${issues.length - max} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** Converts valibot issues into {@link SchemaIssue}s. */
export function toSchemaIssues(issues: readonly v.BaseIssue<unknown>[]): SchemaIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message,
    expected: issue.expected,
    received: issue.received,
  }));
}

/**
 * Validates `input` against `schema` and returns a result value instead of throwing.
 *
 * @example
 * const result = safeParseWith(CdrPush, JSON.parse(body));
 * if (!result.ok) console.log(result.issues);
 */
export function safeParseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): SafeParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, issues: toSchemaIssues(result.issues) };
}

/** Like {@link safeParseWith} but throws a {@link SchemaError} naming `what` when invalid. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  what: string,
): v.InferOutput<S> {
  const result = safeParseWith(schema, input);
  if (!result.ok) throw new SchemaError(what, result.issues);
  return result.value;
}
