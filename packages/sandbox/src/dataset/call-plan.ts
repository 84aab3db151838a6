import type { Random } from './random.ts';

/** Who is on the line: a customer calling in, an agent calling out, two agents, or a customer and an AI agent. */
export type CallShape = 'inbound' | 'outbound' | 'internal' | 'ai';

/** What one generated call will be, decided before its timeline is drawn. */
export interface CallPlan {
  readonly shape: CallShape;
  /** `EndStatusString` of the whole call. */
  readonly status: string;
  /** Transfers between agents after the first answer (answered inbound calls only). */
  readonly transfers: number;
  /** The caller leaves a voicemail (missed inbound calls only). */
  readonly voicemail: boolean;
  /** Offline ASR enabled for this call (answered calls only); `null` = drawn at random. */
  readonly asr: boolean | null;
  /** Show every optional detail (hold and mute events, satisfaction survey), so each dataset has them. */
  readonly showcase: boolean;
}

type PlanExtras = Partial<Pick<CallPlan, 'transfers' | 'voicemail' | 'asr' | 'showcase'>>;

const plan = (shape: CallShape, status: string, extras: PlanExtras = {}): CallPlan => ({
  shape,
  status,
  transfers: 0,
  voicemail: false,
  asr: null,
  showcase: false,
  ...extras,
});

/** Missed inbound outcomes after the IVR. */
const MISSED_INBOUND = ['waitingGiveUp', 'ringingGiveUp', 'noSeatOnline', 'seatGiveUp'] as const;
/** Missed inbound outcomes after which the IVR offers voicemail. */
const VOICEMAIL_AFTER = ['noSeatOnline', 'notWorkTime', 'waitingGiveUp'] as const;
const OUTBOUND_FAILED = [
  'notAnswer',
  'busy',
  'userReject',
  'powerOff',
  'numberNotExist',
  'notInService',
] as const;
const RESTRICTED = ['restrictedCallee', 'restrictedArea', 'restrictedTime'] as const;
const AI_OUTCOMES = [
  'aiAgentEndCall',
  'aiAgentEndCall',
  'userHangupDuringAiCall',
  'maxCallDurationReached',
] as const;

/** The number of calls from which every class of {@link requiredCalls} is guaranteed. */
export const CALL_COVERAGE_MINIMUM = 20;

/** One call of each class the dataset guarantees (exactly {@link CALL_COVERAGE_MINIMUM} plans). */
export function requiredCalls(random: Random): CallPlan[] {
  return [
    plan('inbound', 'ok', { asr: true }),
    ...MISSED_INBOUND.map((status) => plan('inbound', status)),
    plan('inbound', 'notWorkTime'),
    plan('inbound', 'ivrGiveUp'),
    plan('inbound', 'ivrEnd'),
    // Offline ASR both on and off, whatever the random draws.
    plan('outbound', 'ok', { asr: false }),
    ...OUTBOUND_FAILED.slice(0, 4).map((status) => plan('outbound', status)),
    plan('inbound', 'blackList'),
    plan('outbound', random.pick(RESTRICTED)),
    plan('inbound', 'clientError'),
    plan('ai', 'aiAgentEndCall'),
    plan('inbound', random.pick(VOICEMAIL_AFTER), { voicemail: true }),
    plan('inbound', 'ok', { transfers: random.int(3, 4), asr: true, showcase: true }),
    plan('internal', 'ok'),
  ];
}

/** How often each kind of call happens beyond the guaranteed ones (answered calls dominate). */
const CALL_MIX = [
  ['answered', 34],
  ['outboundOk', 18],
  ['missed', 12],
  ['outboundFailed', 12],
  ['ivr', 6],
  ['notWorkTime', 3],
  ['internal', 4],
  ['ai', 5],
  ['blocked', 3],
  ['error', 3],
] as const;

/** Transfers of an answered call: mostly none. */
const TRANSFERS = [
  [0, 80],
  [1, 15],
  [2, 5],
] as const;

/** A call drawn with realistic weights. */
export function randomCall(random: Random): CallPlan {
  const kind = random.weighted(CALL_MIX);
  switch (kind) {
    case 'answered':
      return plan('inbound', 'ok', { transfers: random.weighted(TRANSFERS) });
    case 'outboundOk':
      return plan('outbound', 'ok');
    case 'missed':
    case 'notWorkTime': {
      const status = kind === 'missed' ? random.pick(MISSED_INBOUND) : 'notWorkTime';
      const voicemail = (VOICEMAIL_AFTER as readonly string[]).includes(status) && random.chance(0.35);
      return plan('inbound', status, { voicemail });
    }
    case 'outboundFailed':
      return plan('outbound', random.pick(OUTBOUND_FAILED));
    case 'ivr':
      return plan('inbound', random.pick(['ivrGiveUp', 'ivrEnd']));
    case 'internal':
      return plan('internal', 'ok');
    case 'ai':
      return plan('ai', random.pick(AI_OUTCOMES));
    case 'blocked':
      return random.chance(0.5) ? plan('inbound', 'blackList') : plan('outbound', random.pick(RESTRICTED));
    default:
      return random.chance(0.5) ? plan('inbound', 'clientError') : plan('outbound', 'error');
  }
}

/**
 * The plans of `count` calls in call order: the required classes (when `count` reaches the coverage
 * minimum) plus weighted random ones, shuffled so the guaranteed calls are spread over the range.
 */
export function planCalls(random: Random, count: number): CallPlan[] {
  const extras = Array.from({ length: Math.max(0, count - CALL_COVERAGE_MINIMUM) }, () => randomCall(random));
  return random.shuffle([...requiredCalls(random), ...extras]).slice(0, count);
}
