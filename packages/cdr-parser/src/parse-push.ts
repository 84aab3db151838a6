import { createHash } from 'node:crypto';
import {
  CdrPush,
  describeIssues,
  ImCdrPush,
  RecordPush,
  type SchemaIssue,
  safeParseWith,
  VoicemailPush,
} from '@ccc-kit/schemas';
import type * as v from 'valibot';
import { decodeBody, describeJsonError, oneLine, tooDeepAt } from './body.ts';
import { assertIntegerOption } from './errors.ts';
import { compileFastPath, FAIL, type FastRun } from './fast-path.ts';
import { maskText } from './mask.ts';
import type {
  ParsePushOptions,
  ParsePushResult,
  Push,
  PushKind,
  PushParseError,
  PushRequest,
} from './push-types.ts';
import { headerValue, pushKindOf } from './request.ts';

interface KindSpec {
  readonly schema: v.GenericSchema;
  readonly fast: FastRun | null;
  readonly what: string;
}

const spec = (schema: v.GenericSchema, what: string): KindSpec => ({
  schema,
  fast: compileFastPath(schema),
  what,
});

const KIND_SPECS: Readonly<Record<PushKind, KindSpec>> = {
  cdr: spec(CdrPush, 'CDR push'),
  imcdr: spec(ImCdrPush, 'IM CDR push'),
  record: spec(RecordPush, 'recording push'),
  voicemail: spec(VoicemailPush, 'voicemail push'),
};

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;

const fail = (code: PushParseError['code'], message: string, issues: readonly SchemaIssue[] = []) =>
  ({ ok: false, error: { code, message, issues } }) as const;

/** Issues as shown to people and logs: one line each, long numbers masked. */
const safeIssues = (issues: readonly SchemaIssue[]): SchemaIssue[] =>
  issues.map((issue) => ({
    path: issue.path,
    message: oneLine(maskText(issue.message), 200),
    expected: issue.expected,
    received: oneLine(maskText(issue.received), 80),
  }));

/** A JSON value that is not an object cannot be a push (valibot alone would take an array for `{}`). */
function shapeProblem(value: unknown, what: string): PushParseError | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  const issue = {
    path: '',
    message: `Expected a JSON object but received ${got}`,
    expected: 'Object',
    received: got,
  };
  return {
    code: 'invalid_payload',
    message: `Invalid ${what}: the body is ${got}, not a JSON object`,
    issues: [issue],
  };
}

function depthProblem(value: unknown, maxDepth: number, what: string): PushParseError | null {
  const deep = tooDeepAt(value, maxDepth);
  if (!deep) return null;
  const path = deep.slice(0, 8).join('.') + (deep.length > 8 ? '.…' : '');
  const message = `Nested deeper than ${maxDepth} levels`;
  const issue = { path, message, expected: null, received: `more than ${maxDepth} levels` };
  return {
    code: 'invalid_payload',
    message: oneLine(`Invalid ${what}: ${path}: ${message}`),
    issues: [issue],
  };
}

/** Validates freshly parsed JSON (`value`, owned and rewritten in place) of the body `text`. */
function validate(
  kind: PushKind,
  value: unknown,
  text: string,
  maxDepth: number,
): { value: unknown } | PushParseError {
  const { schema, fast, what } = KIND_SPECS[kind];
  const problem = shapeProblem(value, what) ?? depthProblem(value, maxDepth, what);
  if (problem) return problem;
  const quick = fast ? fast(value) : FAIL;
  if (quick !== FAIL) return { value: quick };
  // The fast path may have rewritten part of `value` before failing: valibot gets an untouched copy.
  const result = safeParseWith(schema, JSON.parse(text));
  if (result.ok) return { value: result.value };
  const issues = safeIssues(result.issues);
  return {
    code: 'invalid_payload',
    message: oneLine(`Invalid ${what}: ${describeIssues(issues, 3)}`),
    issues,
  };
}

const sha256Prefix = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

function toPush(kind: PushKind, payload: unknown, pushId: string | null, receivedAt?: Date): Push {
  const p = payload as { SessionId: string; RecordId?: string; RecordURL?: string };
  const dedupeKey =
    kind === 'record'
      ? `record:${p.SessionId}:${p.RecordId}`
      : kind === 'voicemail'
        ? `voicemail:${p.SessionId}:${sha256Prefix(p.RecordURL ?? '')}`
        : `${kind}:${p.SessionId}`;
  const push = { kind, payload, sessionId: p.SessionId, pushId, dedupeKey } as Push;
  return receivedAt ? { ...push, receivedAt } : push;
}

/**
 * Turns one raw Tencent data push (`POST <url>?action=cdr&version=1`, also `imcdr`, `record`,
 * `voicemail`) into a validated, typed {@link Push}. Never throws for bad input: every refusal is
 * `{ ok: false, error: { code, message, issues } }`. Checks run cheapest first: action and version, size
 * (before decoding), strict UTF-8, JSON, object shape and nesting depth, then the `@ccc-kit/schemas` schema.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_option` for out-of-range options only.
 * @example
 * const result = parsePush({ query: url.searchParams, headers: req.headers, body: bytes });
 * if (!result.ok) return reply(400, result.error.message);
 * if (result.push.kind === 'cdr') console.log(result.push.dedupeKey, result.push.payload.EndStatusString);
 */
export function parsePush(request: PushRequest, options: ParsePushOptions = {}): ParsePushResult {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  assertIntegerOption('maxBodyBytes', maxBytes, 1, 2 ** 31);
  assertIntegerOption('maxDepth', maxDepth, 1, 1000);
  const kind = pushKindOf(request?.query);
  if (typeof kind !== 'string') return fail(kind.code, kind.message);
  const text = decodeBody(request?.body, maxBytes);
  if (typeof text !== 'string') return fail(text.code, text.message);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') return fail('invalid_json', 'Body is empty; expected a JSON object');
    return fail('invalid_json', describeJsonError(text, error));
  }
  const checked = validate(kind, json, text, maxDepth);
  if (!('value' in checked)) return fail(checked.code, checked.message, checked.issues);
  const pushId = headerValue(request?.headers, 'x-tccc-push-uuid')?.trim() || null;
  return { ok: true, push: toPush(kind, checked.value, pushId, options.receivedAt) };
}
