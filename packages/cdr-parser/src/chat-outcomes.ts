import { ImEndStatus } from '@ccc-kit/schemas';
import type { ChatOutcome, EndStatusInfo } from './record-types.ts';

/** One row of {@link CHAT_OUTCOMES}. */
export interface ChatOutcomeRow {
  /** IM CDR push `EndStatusString`. */
  readonly name: string;
  /** Tencent's meaning (`ImEndStatus` of `@ccc-kit/schemas`). */
  readonly meaning: string;
  readonly outcome: ChatOutcome;
  /** A few lowercase words for summary titles. */
  readonly reason: string;
}

const MAPPING: Readonly<Record<string, readonly [ChatOutcome, string]>> = {
  ok: ['answered', 'normal end'],
  seatGiveUp: ['missed', 'agent did not answer'],
  seatForward: ['transferred', 'transferred by agent'],
  ivrGiveUp: ['abandoned_in_ivr', 'customer left the bot flow'],
  ivrEnd: ['ivr_only', 'ended by the bot flow'],
  autoFinished: ['timed_out', 'customer stopped replying'],
  ringingGiveUp: ['missed', 'customer left before an agent accepted'],
  noSeatOnline: ['missed', 'no agent online'],
  notWorkTime: ['outside_hours', 'outside working hours'],
  error: ['failed', 'system error'],
};

/**
 * Every IM CDR push `EndStatusString` (tencent-api.md §3.7) with its {@link ChatOutcome}. `autoFinished`
 * (the customer stopped replying) is its own `timed_out`: the chat usually happened, nobody failed.
 */
export const CHAT_OUTCOMES: readonly ChatOutcomeRow[] = Object.entries(ImEndStatus).map(([name, meaning]) => {
  const [outcome, reason] = MAPPING[name] ?? ['unknown', 'unknown'];
  return { name, meaning, outcome, reason };
});

const rowByName = new Map(CHAT_OUTCOMES.map((row) => [row.name.toLowerCase(), row]));

/** The {@link CHAT_OUTCOMES} row of an IM `EndStatusString` (case-insensitive). */
export function chatOutcomeRow(status: string | null | undefined): ChatOutcomeRow | undefined {
  return status ? rowByName.get(status.toLowerCase()) : undefined;
}

/**
 * The outcome of a chat from its IM `EndStatusString`; unknown values are `unknown`.
 *
 * @example
 * chatOutcomeOf('autoFinished'); // 'timed_out'
 */
export function chatOutcomeOf(status: string | null | undefined): ChatOutcome {
  return chatOutcomeRow(status)?.outcome ?? 'unknown';
}

/** Raw value and meaning of an IM end status (IM pushes carry no numeric code). */
export function chatEndStatusInfo(raw: string | null | undefined): EndStatusInfo {
  const row = chatOutcomeRow(raw);
  if (row) return { raw: raw ?? null, code: null, meaning: row.meaning };
  return { raw: raw ?? null, code: null, meaning: raw ? `Unknown end status "${raw}"` : 'No end status' };
}
