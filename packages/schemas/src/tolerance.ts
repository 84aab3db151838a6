import * as v from 'valibot';
import { type SchemaIssue, toSchemaIssues } from './parse.ts';

/**
 * Dotted paths of the fields a consumer relies on, array elements written `*`
 * (`ServeParticipants.*.RingTimestamp`). A wrong value there rejects the payload; anywhere else the field
 * is dropped with a warning.
 */
export type ReliedPaths = readonly string[];

/** Result of {@link safeParseTolerant}: the value and one warning per dropped field, or why it was refused. */
export type TolerantParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

type Key = string | number;
type Drop = { readonly keys: readonly Key[]; readonly warning: string };

/** Dropping only removes fields, so a second round is enough; a third catches a transform's surprise. */
const MAX_ROUNDS = 3;

const patternOf = (keys: readonly Key[]): string =>
  keys.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

/** The root, a relied field, a container of one (`SeatUser`), or a value inside one. */
function isRelied(keys: readonly Key[], relied: ReliedPaths): boolean {
  if (keys.length === 0) return true;
  const p = patternOf(keys);
  return relied.some((r) => r === p || r.startsWith(`${p}.`) || p.startsWith(`${r}.`));
}

function has(value: unknown, keys: readonly Key[]): boolean {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return false;
    current = (current as Record<Key, unknown>)[key];
  }
  return true;
}

/** A copy of `value` without the field at `keys`; only the containers on the path are copied. */
function without(value: unknown, keys: readonly Key[]): unknown {
  const [head, ...rest] = keys;
  if (head === undefined || !has(value, [head])) return value;
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[head as number] = without(value[head as number], rest);
    return copy;
  }
  const { [head]: inner, ...others } = value as Record<Key, unknown>;
  return rest.length === 0 ? others : { ...others, [head]: without(inner, rest) };
}

/** What was received, by kind only: values may be personal data or a megabyte long. */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

function warningOf(field: readonly Key[], issueKeys: readonly Key[], issue: v.BaseIssue<unknown>): string {
  const name = field.join('.');
  const at = issueKeys.length > field.length ? ` at ${issueKeys.join('.')}` : '';
  const detail =
    issue.kind === 'schema' ? `expected ${issue.expected}${at}, got ${kindOf(issue.input)}` : issue.message;
  return `${name}: ${detail}; dropped`;
}

/**
 * The field to drop for an issue: the innermost object key on its path that the input really has (an
 * element of a list takes the whole list; a key a transform renamed takes its parent). `null` = refuse.
 */
function dropFor(issue: v.BaseIssue<unknown>, relied: ReliedPaths, input: unknown): Drop | null {
  const keys: Key[] = (issue.path ?? []).map((item) => item.key as Key);
  if (isRelied(keys, relied)) return null;
  let field = keys;
  for (;;) {
    const last = field.findLastIndex((k) => typeof k === 'string');
    if (last === -1) return null;
    field = field.slice(0, last + 1);
    if (isRelied(field, relied)) return null;
    if (has(input, field)) return { keys: field, warning: warningOf(field, keys, issue) };
    field = field.slice(0, last);
  }
}

/**
 * Validates `input` against `schema`, tolerating wrong values where nothing relies on them: a field that
 * fails and is not in `relied` (nor holds or lies inside a relied field) is removed from a copy of the
 * input, which is validated again, and named in one warning. Any issue on a relied field refuses the
 * payload with those issues. The input is never modified. Never throws.
 *
 * @example
 * const result = safeParseTolerant(CdrPush, JSON.parse(body), ReliedFields.CdrPush);
 * if (result.ok) for (const warning of result.warnings) log.warn(warning); // 'UserRemark: expected string, got a number; dropped'
 */
export function safeParseTolerant<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  relied: ReliedPaths,
): TolerantParseResult<v.InferOutput<S>> {
  const warnings = new Map<string, string>();
  let current = input;
  for (let round = 1; ; round++) {
    const result = v.safeParse(schema, current);
    if (result.success) return { ok: true, value: result.output, warnings: [...warnings.values()] };
    const drops = result.issues.map((issue) => dropFor(issue, relied, current));
    const refused = result.issues.filter((_, i) => drops[i] === null);
    if (refused.length > 0 || round === MAX_ROUNDS)
      return { ok: false, issues: toSchemaIssues(refused.length > 0 ? refused : result.issues) };
    // Outer fields first, so a field inside one already dropped is not named twice.
    for (const drop of (drops as Drop[]).sort((a, b) => a.keys.length - b.keys.length)) {
      const name = drop.keys.join('.');
      if ([...warnings.keys()].some((done) => name === done || name.startsWith(`${done}.`))) continue;
      warnings.set(name, drop.warning);
      current = without(current, drop.keys);
    }
  }
}
