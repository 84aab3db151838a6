import { createHash } from 'node:crypto';
import {
  CdrPush,
  describeIssues,
  ImCdrPush,
  RecordPush,
  type SchemaIssue,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseVoicemailPush,
  type TolerantParseResult,
  VoicemailPush,
} from '@ccc-kit/schemas';
import type * as v from 'valibot';
import { decodeBody, describeJsonError, oneLine, tooDeepAt } from './body.ts';
import { assertIntegerOption } from './errors.ts';
import { compileFastPath, FAIL, type FastRun, textFacts } from './fast-path.ts';
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
  /** The schemas' tolerant parser: drops wrong values nothing relies on, with a warning each. */
  readonly parse: (input: unknown) => TolerantParseResult<unknown>;
  readonly fast: FastRun | null;
  readonly what: string;
}

const spec = (schema: v.GenericSchema, parse: KindSpec['parse'], what: string): KindSpec => ({
  parse,
  fast: compileFastPath(schema),
  what,
});

const KIND_SPECS: Readonly<Record<PushKind, KindSpec>> = {
  cdr: spec(CdrPush, safeParseCdrPush, 'CDR push'),
  imcdr: spec(ImCdrPush, safeParseImCdrPush, 'IM CDR push'),
  record: spec(RecordPush, safeParseRecordPush, 'recording push'),
  voicemail: spec(VoicemailPush, safeParseVoicemailPush, 'voicemail push'),
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

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Validates freshly parsed JSON (`value`, owned and rewritten in place) of the body `text`. */
function validate(
  kind: PushKind,
  value: unknown,
  text: string,
  maxDepth: number,
): { value: unknown; warnings: readonly string[] } | PushParseError {
  const { parse, fast, what } = KIND_SPECS[kind];
  const problem = shapeProblem(value, what) ?? depthProblem(value, maxDepth, what);
  if (problem) return problem;
  let quick: unknown = FAIL;
  if (fast) {
    // No `\` in the text: no control character in any of its strings, so that check can be skipped.
    textFacts.mayHaveEscapes = text.includes('\\');
    try {
      quick = fast(value);
    } finally {
      textFacts.mayHaveEscapes = true;
    }
  }
  if (quick !== FAIL) return { value: quick, warnings: NO_WARNINGS };
  // The fast path may have rewritten part of `value` before failing: valibot gets an untouched copy.
  const result = parse(JSON.parse(text));
  if (result.ok)
    return { value: result.value, warnings: result.warnings.map((w) => oneLine(maskText(w), 200)) };
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
 * Only the fields the product relies on (`ReliedFields` of `@ccc-kit/schemas`) can refuse a push: a wrong
 * value anywhere else is dropped from the payload and named in `warnings` (one line each, numbers masked).
 *
 * @throws {CdrParserError} `cdr_parser_invalid_option` for out-of-range options only.
 * @example
 * const result = parsePush({ query: url.searchParams, headers: req.headers, body: bytes });
 * if (!result.ok) return reply(400, result.error.message);
 * for (const warning of result.warnings) log.warn({ sessionId: result.push.sessionId }, warning);
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
  const push = toPush(kind, checked.value, pushId, options.receivedAt);
  return { ok: true, push, warnings: checked.warnings };
}
