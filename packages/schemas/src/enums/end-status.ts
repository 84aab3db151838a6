/** Where a phone end status applies, per Tencent's status code table. */
export type EndStatusScenario = 'inbound' | 'outbound' | 'both' | 'audio-inbound' | 'ai-agent';

/** One row of Tencent's phone EndStatus table (`EndStatus` code ↔ `EndStatusString`). */
export interface EndStatusEntry {
  /** Numeric `EndStatus` (DescribeTelCdr, DescribeSessionDetail); `null` for push-only strings. */
  readonly code: number | null;
  /** `EndStatusString` (CDR push, TelCdrInfo). */
  readonly name: string;
  readonly scenario: EndStatusScenario;
  /** Tencent's meaning, in words. */
  readonly meaning: string;
}

const row = (
  code: number | null,
  name: string,
  scenario: EndStatusScenario,
  meaning: string,
): EndStatusEntry => ({
  code,
  name,
  scenario,
  meaning,
});

/**
 * The full phone EndStatus table (tencent-api.md §2.9), including the push-only strings that have no code.
 * Codes 214, 223 and 224 have never been seen and are absent on purpose.
 */
export const EndStatusTable: readonly EndStatusEntry[] = [
  row(1, 'ok', 'both', 'Normal call'),
  row(17, 'seatGiveUp', 'inbound', 'Agent did not answer in time; moved to another agent in the queue'),
  row(100, 'blackList', 'inbound', 'Caller is on the inbound blocklist'),
  row(102, 'ivrGiveUp', 'inbound', 'Caller hung up during the IVR'),
  row(103, 'waitingGiveUp', 'inbound', 'Caller gave up while queued'),
  row(104, 'ringingGiveUp', 'inbound', 'Caller hung up while an agent was ringing'),
  row(105, 'noSeatOnline', 'inbound', 'No agent online'),
  row(106, 'notWorkTime', 'inbound', 'Outside working hours'),
  row(107, 'ivrEnd', 'inbound', 'IVR ended the call without a human'),
  row(108, 'restrictedCallee', 'outbound', 'Number is on the global outbound risk list'),
  row(109, 'tooManyRequest', 'outbound', 'Outbound frequency limit reached'),
  row(110, 'restrictedArea', 'outbound', 'Outbound calls to this area are blocked'),
  row(111, 'restrictedTime', 'outbound', 'Outbound calls are blocked at this time of day'),
  row(202, 'notAnswer', 'outbound', 'Callee did not answer'),
  row(203, 'userReject', 'outbound', 'Callee rejected the call'),
  row(204, 'powerOff', 'outbound', 'Callee phone is powered off'),
  row(205, 'numberNotExist', 'outbound', 'Number does not exist'),
  row(206, 'busy', 'outbound', 'Callee was busy'),
  row(207, 'outOfCredit', 'outbound', 'Callee is out of credit'),
  row(208, 'operatorError', 'outbound', 'Carrier line error'),
  row(209, 'callerCancel', 'outbound', 'Agent cancelled before it rang'),
  row(210, 'notInService', 'outbound', 'Callee is out of the service area'),
  row(211, 'clientError', 'both', 'Agent client error (device, microphone or network)'),
  row(212, 'carrierBlocked', 'outbound', 'Blocked by the carrier'),
  row(213, 'callReminder', 'outbound', 'Carrier call-reminder prompt'),
  row(215, 'numberInvalid', 'outbound', 'Invalid callee number'),
  row(216, 'callRestricted', 'outbound', 'Call restricted prompt'),
  row(217, 'calleeRestricted', 'outbound', 'Callee is blocklisted'),
  row(218, 'areaRestricted', 'outbound', 'Callee area is restricted'),
  row(219, 'promptCallForwarding', 'outbound', 'Call-forwarding prompt'),
  row(220, 'callerCancelWhileRing', 'outbound', 'Agent cancelled while it rang'),
  row(221, 'callerCancelWithoutRing', 'outbound', 'Callee number anomaly, it never rang'),
  row(222, 'voiceMailReached', 'outbound', 'Reached the callee voicemail'),
  row(225, 'asrError', 'ai-agent', 'AI agent speech recognition error'),
  row(226, 'llmasrError', 'ai-agent', 'AI agent model (LLM) error'),
  row(227, 'ttsError', 'ai-agent', 'AI agent text-to-speech error'),
  row(228, 'functionCallHangup', 'ai-agent', 'AI agent model hung up'),
  row(229, 'maxCallDurationReached', 'ai-agent', 'Maximum call duration reached'),
  row(230, 'userInactivity', 'ai-agent', 'Caller was silent too long'),
  row(231, 'callTerminatedByAPI', 'ai-agent', 'Ended through the hang-up API'),
  row(232, 'userHangupDuringAiCall', 'ai-agent', 'Caller hung up during the AI agent flow'),
  row(233, 'aiAgentEndCall', 'ai-agent', 'AI agent completed the call'),
  row(501, 'callConflict', 'audio-inbound', 'VoIP call conflict'),
  row(502, 'clientTimeout', 'audio-inbound', 'VoIP client timed out'),
  row(503, 'voipClientError', 'audio-inbound', 'VoIP client error'),
  row(null, 'unconnected', 'both', 'Not connected'),
  row(null, 'seatForward', 'both', 'Agent transferred the call'),
  row(null, 'outboundForward', 'both', 'Transferred to an external line'),
  row(null, 'error', 'both', 'System error'),
  row(null, 'unknown', 'outbound', 'Unknown outcome'),
];

const byCode = new Map(EndStatusTable.filter((e) => e.code !== null).map((e) => [e.code, e]));
const byName = new Map(EndStatusTable.map((e) => [e.name.toLowerCase(), e]));

/** Looks up a numeric `EndStatus`; unknown codes return `undefined` (callers keep the raw value). */
export const endStatusByCode = (code: number | null | undefined): EndStatusEntry | undefined =>
  code == null ? undefined : byCode.get(code);

/**
 * Looks up an `EndStatusString`, case-insensitively (the intl SDK text writes `blocklist` for `blackList`).
 */
export const endStatusByName = (name: string | null | undefined): EndStatusEntry | undefined => {
  if (!name) return undefined;
  const key = name.toLowerCase();
  return byName.get(key === 'blocklist' ? 'blacklist' : key);
};
