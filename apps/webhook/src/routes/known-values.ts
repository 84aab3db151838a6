import { CHAT_OUTCOMES, OUTCOMES } from '@ccc-kit/cdr-parser';
import { EndStatusTable, ImEndStatus } from '@ccc-kit/schemas';

// The values routing compares rules against, from the tables that produce them (cdr-parser's outcome
// mappings, Tencent's end statuses in @ccc-kit/schemas): a value added there is accepted here with no edit.

/** Kinds of records a rule can match (recordings follow their call and are not routed). */
export const ROUTE_KINDS = ['cdr', 'imcdr', 'voicemail'] as const;

/** Directions of a call (chats and voicemails are inbound). */
export const DIRECTIONS = ['inbound', 'outbound'] as const;

/**
 * Every outcome a call or chat can have: those of the end-status tables, `voicemail` (a call with a
 * voicemail) and `unknown` (an end status nobody documented).
 */
export const OUTCOME_VALUES: readonly string[] = [
  ...new Set([
    ...OUTCOMES.map((row) => row.outcome),
    ...CHAT_OUTCOMES.map((row) => row.outcome),
    'voicemail',
    'unknown',
  ]),
].sort();

/** Every `EndStatusString` of a call (Tencent's EndStatus table) or of a chat, as Tencent spells it. */
export const END_STATUS_VALUES: readonly string[] = [
  ...new Set([...EndStatusTable.map((entry) => entry.name), ...Object.keys(ImEndStatus)]),
];
