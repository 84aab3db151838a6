import * as v from 'valibot';
import { closestKnown } from './did-you-mean.ts';
import { DIRECTIONS, END_STATUS_VALUES, OUTCOME_VALUES, ROUTE_KINDS } from './known-values.ts';
import { NumberPrefixes, ProtectedPrefixes } from './prefixes.ts';

const oneOrMany = <S extends v.GenericSchema>(item: S) =>
  v.pipe(
    v.union([item, v.array(item)]),
    v.transform((x) => (Array.isArray(x) ? x : [x]) as v.InferOutput<S>[]),
  );

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const TimeZone = v.pipe(
  v.string(),
  v.check(
    isTimeZone,
    (issue) => `Unknown IANA time zone ${issue.received} (e.g. Asia/Shanghai, Europe/Berlin)`,
  ),
);
const Clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM, e.g. 09:00'));
const Day = v.picklist(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  'Days are mon, tue, wed, thu, fri, sat, sun',
);

/** Weekly opening hours; a window whose `to` is before `from` runs past midnight. */
export const BusinessHours = v.strictObject({
  timezone: TimeZone,
  windows: v.pipe(v.array(v.strictObject({ days: oneOrMany(Day), from: Clock, to: Clock })), v.minLength(1)),
  /** `inside` (default) matches calls during the windows, `outside` the others. */
  when: v.optional(v.picklist(['inside', 'outside']), 'inside'),
});

/** `"missedd" is not a known outcome; did you mean "missed"? …`: the problem of one unknown value. */
const unknownValue = (value: unknown, what: string, known: readonly string[], listed: string): string => {
  if (typeof value !== 'string') return `${JSON.stringify(value)} is not a ${what}: ${listed}`;
  const guess = closestKnown(value, known);
  return `${JSON.stringify(value)} is not a known ${what}${guess ? `; did you mean "${guess}"?` : ''} (${listed})`;
};

/**
 * One value of `known` or a list of them, each unknown one reported with the closest known value: routing
 * compares them as written, so a typo would silently match nothing.
 */
const knownValues = <T extends string>(what: string, known: readonly T[], listed = known.join(', ')) =>
  v.pipe(
    v.union([v.string(), v.array(v.unknown())], `use one ${what} or a list of them (${listed})`),
    v.transform((x): unknown[] => (Array.isArray(x) ? x : [x])),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const value of dataset.value)
        if (!known.includes(value as T)) addIssue({ message: unknownValue(value, what, known, listed) });
    }),
    v.transform((x) => x as T[]),
  );

/** One value of `known`, reported like {@link knownValues}. */
const knownValue = <T extends string>(what: string, known: readonly T[]) =>
  v.pipe(
    v.unknown(),
    v.check(
      (x) => known.includes(x as T),
      (issue) => unknownValue(issue.input, what, known, known.join(', ')),
    ),
    v.transform((x) => x as T),
  );

/** What a rule matches on; every given criterion must hold. */
export const RouteMatch = v.strictObject({
  kind: v.optional(knownValues('kind', ROUTE_KINDS)),
  direction: v.optional(knownValue('direction', DIRECTIONS)),
  outcome: v.optional(knownValues('outcome', OUTCOME_VALUES)),
  // Too many to list in a message: the README's routing section points to the table.
  endStatus: v.optional(
    knownValues('end status', END_STATUS_VALUES, "Tencent's EndStatusString, spelled as Tencent does"),
  ),
  /** Skill group ids or names. */
  skillGroup: v.optional(oneOrMany(v.union([v.string(), v.number()]))),
  /** Number prefixes in any written form (`+86139`, `0086139`, `86139`, `139`), stored in international digits. */
  callerPrefix: v.optional(NumberPrefixes),
  calleePrefix: v.optional(NumberPrefixes),
  /** Prefixes of the number-protection forms Tencent sends instead of hidden numbers, compared as written. */
  protectedCallerPrefix: v.optional(ProtectedPrefixes),
  protectedCalleePrefix: v.optional(ProtectedPrefixes),
  /** Seconds. */
  minQueueWait: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** Seconds. */
  minTalk: v.optional(v.pipe(v.number(), v.minValue(0))),
  businessHours: v.optional(BusinessHours),
});

/** A channel id (C…, G…) or a `#name`. */
const Channel = v.pipe(
  v.string(),
  v.regex(
    /^(#[\p{Ll}\p{N}_-][\p{Ll}\p{N}._-]{0,79}|[CG][A-Z0-9]{6,})$/u,
    'channel is a channel id like C0123ABCD or a #name',
  ),
);
/** A user (U…/W…) or user group (S…) to mention on alerts. */
const Mention = v.pipe(
  v.string(),
  v.regex(/^[UWS][A-Z0-9]{6,}$/, 'mention is a user id (U…) or user group id (S…)'),
);

/** One routing rule. */
export const RouteRule = v.strictObject({
  name: v.optional(v.string()),
  match: v.optional(RouteMatch, {}),
  channel: Channel,
  mention: v.optional(Mention),
  /**
   * How call posts of this rule look: `compact` (default) or `full` (every field). A post shared by rules of
   * one channel is `full` when any of its matching rules asks for it.
   */
  style: v.optional(v.picklist(['compact', 'full'], 'style is "compact" or "full"')),
});
/** Output type of {@link RouteRule}. */
export type RouteRule = v.InferOutput<typeof RouteRule>;

/** The routes file (`ROUTES_FILE`, YAML or JSON). */
export const RoutesFile = v.strictObject({
  version: v.optional(v.literal(1)),
  rules: v.array(RouteRule),
});
/** Output type of {@link RoutesFile}. */
export type RoutesFile = v.InferOutput<typeof RoutesFile>;
