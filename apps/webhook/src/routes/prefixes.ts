import { normalizeNumberPrefix } from '@ccc-kit/cdr-parser';
import * as v from 'valibot';

const toList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

// YAML reads unquoted digits as a number (`0755` is 755, `+86139` is 86139): refuse them instead of guessing.
const quoteHint = (issue: v.BaseIssue<unknown>): string =>
  `write number prefixes as quoted text or a list of them, e.g. "+86139" or ["0755", "139"]; unquoted, ` +
  `YAML reads ${issue.received} as a number and drops a leading 0 or +`;

/**
 * `callerPrefix`/`calleePrefix`: one prefix or a list, each normalised once, when the routes file is loaded,
 * to international digits (`normalizeNumberPrefix`: `+86139`, `0086139`, `86139` and `139` all become
 * `86139`). A prefix that cannot start a phone number is an issue naming it.
 */
export const NumberPrefixes = v.pipe(
  v.union([v.string(), v.array(v.string())], quoteHint),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const written = dataset.value;
    const canonical: string[] = [];
    toList(written).forEach((prefix, key) => {
      const digits = normalizeNumberPrefix(prefix);
      if (digits !== null) canonical.push(digits);
      else
        addIssue({
          message: `${JSON.stringify(prefix)} cannot start a phone number: use digits, optionally after + or 00 (e.g. "+86139", "0086139", "139", "0755")`,
          ...(Array.isArray(written)
            ? { path: [{ type: 'array', origin: 'value', input: written, key, value: prefix }] as const }
            : {}),
        });
    });
    return canonical.length === toList(written).length ? canonical : NEVER;
  }),
);

/**
 * `protectedCallerPrefix`/`protectedCalleePrefix`: prefixes of Tencent's number-protection forms, compared
 * as written (trimmed): the form is an id the enterprise's mapping chose (`139abcdefg`), not a number.
 */
export const ProtectedPrefixes = v.pipe(
  v.union(
    [v.string(), v.array(v.string())],
    'protected-number prefixes are text or a list of texts, e.g. "139" or ["139", "VIP-"]',
  ),
  v.transform(toList),
  v.array(v.pipe(v.string(), v.trim(), v.minLength(1, 'a protected-number prefix must not be empty'))),
);

/** The number prefixes of a rule's `match`, in international digits. */
export interface NumberPrefixesOf {
  readonly caller: readonly string[] | undefined;
  readonly callee: readonly string[] | undefined;
}

type Match = {
  readonly callerPrefix?: readonly string[] | undefined;
  readonly calleePrefix?: readonly string[] | undefined;
};

/** Per `match` object: `parseRoutes` records its normalised prefixes; other rules are normalised on first use. */
const byMatch = new WeakMap<object, NumberPrefixesOf>();

/** Records that the prefixes of `match` are normalised already (a rule `parseRoutes` returned). */
export function rememberNormalized(match: Match): void {
  byMatch.set(match, { caller: match.callerPrefix, callee: match.calleePrefix });
}

// Normalising twice is not always a no-op (`+1415` gives `1415`, which alone reads as a mainland mobile).
const normalizeAll = (prefixes: readonly string[] | undefined): readonly string[] | undefined =>
  prefixes?.map((prefix) => normalizeNumberPrefix(prefix) ?? prefix);

/**
 * The prefixes a rule matches numbers with. Rules built by hand (tests, benchmarks, the demo) rather than by
 * `parseRoutes` are normalised here once and remembered; a prefix that cannot start a number is kept as is.
 */
export function numberPrefixesOf(match: Match): NumberPrefixesOf {
  let prefixes = byMatch.get(match);
  if (!prefixes) {
    prefixes = { caller: normalizeAll(match.callerPrefix), callee: normalizeAll(match.calleePrefix) };
    byMatch.set(match, prefixes);
  }
  return prefixes;
}
