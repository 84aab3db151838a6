import * as v from 'valibot';
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

/** Kinds of records a rule can match. */
export const RouteKind = v.picklist(['cdr', 'imcdr', 'voicemail'], 'kind is one of cdr, imcdr, voicemail');

/** What a rule matches on; every given criterion must hold. */
export const RouteMatch = v.strictObject({
  kind: v.optional(oneOrMany(RouteKind)),
  direction: v.optional(v.picklist(['inbound', 'outbound'], 'direction is inbound or outbound')),
  outcome: v.optional(oneOrMany(v.string())),
  endStatus: v.optional(oneOrMany(v.string())),
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
