import { type EndStatusEntry, EndStatusTable, endStatusByCode, endStatusByName } from '@ccc-kit/schemas';
import type { CallDirection, CallOutcome, EndStatusInfo } from './record-types.ts';

/** One row of {@link OUTCOMES}: Tencent's EndStatus row plus what it means for us. */
export interface OutcomeRow extends EndStatusEntry {
  /** Outcome of a call ending with this status (for `unconnected`: the inbound one, see `outcomeOf`). */
  readonly outcome: CallOutcome;
  /** A few lowercase words for summary titles, e.g. `busy`, `blocklist`. */
  readonly reason: string;
}

/**
 * Outcome and title words for every `EndStatusString`. Grouping decisions (also in the README):
 * rate limits and every `restricted*` status are `blocked` (policy, not a fault); callee-side numbering
 * problems (`numberNotExist`, `numberInvalid`, carrier prompts) are `not_answered` (nobody on our side
 * failed); `voiceMailReached` is outbound (we reached the callee's voicemail), so it is `not_answered`, not
 * `voicemail`; AI-agent endings that are not errors are `ai_handled`; `seatForward`/`outboundForward` as a
 * final status mean the call was answered and handed on, so `answered`.
 */
const MAPPING: Readonly<Record<string, readonly [CallOutcome, string]>> = {
  ok: ['answered', 'normal call'],
  seatGiveUp: ['missed', 'agent did not answer'],
  blackList: ['blocked', 'blocklist'],
  ivrGiveUp: ['abandoned_in_ivr', 'caller left in IVR'],
  waitingGiveUp: ['missed', 'caller gave up in queue'],
  ringingGiveUp: ['missed', 'caller hung up while ringing'],
  noSeatOnline: ['missed', 'no agent online'],
  notWorkTime: ['outside_hours', 'outside working hours'],
  ivrEnd: ['ivr_only', 'ended in IVR'],
  restrictedCallee: ['blocked', 'restricted number'],
  tooManyRequest: ['blocked', 'outbound rate limit'],
  restrictedArea: ['blocked', 'restricted area'],
  restrictedTime: ['blocked', 'restricted time window'],
  notAnswer: ['not_answered', 'no answer'],
  userReject: ['not_answered', 'rejected'],
  powerOff: ['not_answered', 'phone off'],
  numberNotExist: ['not_answered', 'number does not exist'],
  busy: ['not_answered', 'busy'],
  outOfCredit: ['not_answered', 'callee out of credit'],
  operatorError: ['failed', 'carrier line error'],
  callerCancel: ['not_answered', 'cancelled before ringing'],
  notInService: ['not_answered', 'out of service area'],
  clientError: ['failed', 'agent client error'],
  carrierBlocked: ['blocked', 'blocked by carrier'],
  callReminder: ['not_answered', 'carrier call reminder'],
  numberInvalid: ['not_answered', 'invalid number'],
  callRestricted: ['blocked', 'call restricted'],
  calleeRestricted: ['blocked', 'callee blocklisted'],
  areaRestricted: ['blocked', 'area restricted'],
  promptCallForwarding: ['not_answered', 'call forwarding prompt'],
  callerCancelWhileRing: ['not_answered', 'cancelled while ringing'],
  callerCancelWithoutRing: ['not_answered', 'number anomaly, never rang'],
  voiceMailReached: ['not_answered', 'reached voicemail'],
  asrError: ['failed', 'AI speech recognition error'],
  llmasrError: ['failed', 'AI model error'],
  ttsError: ['failed', 'AI text-to-speech error'],
  functionCallHangup: ['ai_handled', 'AI agent hung up'],
  maxCallDurationReached: ['ai_handled', 'maximum duration reached'],
  userInactivity: ['ai_handled', 'caller silent'],
  callTerminatedByAPI: ['ai_handled', 'ended by API'],
  userHangupDuringAiCall: ['ai_handled', 'caller hung up on AI agent'],
  aiAgentEndCall: ['ai_handled', 'AI agent completed the call'],
  callConflict: ['failed', 'VoIP call conflict'],
  clientTimeout: ['failed', 'VoIP client timeout'],
  voipClientError: ['failed', 'VoIP client error'],
  unconnected: ['missed', 'not connected'],
  seatForward: ['answered', 'transferred by agent'],
  outboundForward: ['answered', 'transferred to external line'],
  error: ['failed', 'system error'],
  unknown: ['unknown', 'unknown'],
};

/**
 * Every phone EndStatus (`EndStatusTable` of `@ccc-kit/schemas`, tencent-api.md §2.9) with its
 * {@link CallOutcome}. Statuses missing from the mapping would be `unknown`; a test keeps it complete.
 */
export const OUTCOMES: readonly OutcomeRow[] = EndStatusTable.map((entry) => {
  const [outcome, reason] = MAPPING[entry.name] ?? ['unknown', 'unknown'];
  return { ...entry, outcome, reason };
});

const rowByName = new Map(OUTCOMES.map((row) => [row.name, row]));

/** The {@link OUTCOMES} row of an `EndStatusString` (case-insensitive) or numeric `EndStatus`. */
export function outcomeRow(status: string | number | null | undefined): OutcomeRow | undefined {
  const entry = typeof status === 'number' ? endStatusByCode(status) : endStatusByName(status);
  return entry && rowByName.get(entry.name);
}

/**
 * The outcome of a call from its `EndStatusString` or numeric `EndStatus`. `direction` only matters for
 * the push-only `unconnected` (inbound: `missed`; outbound: `not_answered`). Unknown values: `unknown`.
 *
 * @example
 * outcomeOf('busy', 'outbound');         // 'not_answered'
 * outcomeOf(103, 'inbound');             // 'missed'
 * outcomeOf('quantumTunnel', 'inbound'); // 'unknown'
 */
export function outcomeOf(status: string | number | null | undefined, direction: CallDirection): CallOutcome {
  const row = outcomeRow(status);
  if (!row) return 'unknown';
  if (row.name === 'unconnected' && direction === 'outbound') return 'not_answered';
  return row.outcome;
}

/** Raw value, code and meaning of a phone end status, for records. */
export function endStatusInfo(raw: string | null | undefined): EndStatusInfo {
  const row = outcomeRow(raw);
  if (row) return { raw: raw ?? null, code: row.code, meaning: row.meaning };
  return { raw: raw ?? null, code: null, meaning: raw ? `Unknown end status "${raw}"` : 'No end status' };
}
