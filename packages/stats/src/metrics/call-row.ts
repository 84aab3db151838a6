import { type CallContribution, SLOTS, Slot } from './call-classify.ts';
import { rate, type TalkSummary, talkSummary, type WaitSummary } from './summaries.ts';
import { WaitHistogram } from './wait-histogram.ts';

/** Missed inbound calls by cause (`EndStatusString`); the causes add up to `total`. */
export interface MissedCalls {
  readonly total: number;
  /** `noSeatOnline`: no agent online. */
  readonly noAgent: number;
  /** `waitingGiveUp`: the caller gave up in the queue. */
  readonly abandonedInQueue: number;
  /** `ivrGiveUp`: the caller hung up in the IVR. */
  readonly abandonedInIvr: number;
  /** `notWorkTime`: outside working hours. */
  readonly outsideHours: number;
  /** `seatGiveUp`, `ringingGiveUp`: an agent was rung and did not answer. */
  readonly agentDidNotAnswer: number;
  /** Missed for a reason the status does not name (`unconnected`, a voicemail after another status). */
  readonly other: number;
}

/** Inbound calls of a row. `offered` = `answered + missed.total + ivrOnly + aiHandled + blocked + failed + unknown`. */
export interface InboundCalls {
  readonly offered: number;
  readonly answered: number;
  readonly missed: MissedCalls;
  /** Missed calls in which the caller left a voicemail (part of `missed`, not another bucket). */
  readonly voicemail: number;
  /** `ivrEnd`: the IVR served the caller, who asked for no agent. */
  readonly ivrOnly: number;
  readonly aiHandled: number;
  /** `blackList`. */
  readonly blocked: number;
  readonly failed: number;
  /** No or an unrecognised end status. */
  readonly unknown: number;
  /** `answered + missed.noAgent + missed.abandonedInQueue + missed.agentDidNotAnswer`: callers who reached the queue. */
  readonly reachedQueue: number;
  /** Answered calls whose queue wait (`queueWait + ring`) was at most `serviceLevelSeconds`. */
  readonly answeredWithinServiceLevel: number;
  /** `answered / offered`. */
  readonly answerRate: number | null;
  /** `answeredWithinServiceLevel / reachedQueue`. */
  readonly serviceLevel: number | null;
  /** Over the `reachedQueue` calls. */
  readonly queueWait: WaitSummary;
  /** Over the answered calls. */
  readonly talk: TalkSummary;
}

/** Outbound calls of a row. `made` = `connected + notAnswered + blocked + failed + other`. */
export interface OutboundCalls {
  readonly made: number;
  /** The customer answered (`ok`, `seatForward`, `outboundForward`). */
  readonly connected: number;
  readonly notAnswered: number;
  readonly blocked: number;
  readonly failed: number;
  /** AI-agent endings and unknown statuses. */
  readonly other: number;
  /** Calls whose `Uui` is a callback of a missed call (`callbackUui`), and those of them that connected. */
  readonly callbacks: number;
  readonly callbacksConnected: number;
  /** `connected / made`. */
  readonly connectRate: number | null;
  /** Over the connected calls. */
  readonly talk: TalkSummary;
}

/** The counts of one row (or of all calls). */
export interface CallCounts {
  readonly inbound: InboundCalls;
  readonly outbound: OutboundCalls;
}

/** Accumulates the calls of one row: counters per {@link Slot} plus the queue-wait histogram. */
export class CallRow {
  readonly counts: Float64Array = new Float64Array(SLOTS);
  readonly waits: WaitHistogram = new WaitHistogram();

  add(call: CallContribution, serviceLevelSeconds: number): void {
    const counts = this.counts;
    counts[call.slot] = (counts[call.slot] ?? 0) + 1;
    if (call.wait >= 0) {
      this.waits.add(call.wait);
      if (call.slot === Slot.Answered && call.wait <= serviceLevelSeconds)
        bump(counts, Slot.AnsweredWithinServiceLevel);
    }
    if (call.slot === Slot.Answered) bump(counts, Slot.InboundTalk, call.talk);
    else if (call.slot === Slot.Connected) bump(counts, Slot.OutboundTalk, call.talk);
    if (call.voicemail) bump(counts, Slot.Voicemail);
    if (call.callback) {
      bump(counts, Slot.Callbacks);
      if (call.slot === Slot.Connected) bump(counts, Slot.CallbacksConnected);
    }
  }

  merge(other: CallRow): void {
    for (let i = 0; i < SLOTS; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.waits.merge(other.waits);
  }

  volume(): number {
    let calls = 0;
    for (let i = Slot.Answered; i <= Slot.OutOther; i++) calls += this.counts[i] ?? 0;
    return calls;
  }

  toJSON(): CallCounts {
    return { inbound: this.#inbound(), outbound: this.#outbound() };
  }

  #inbound(): InboundCalls {
    const c = (slot: number): number => this.counts[slot] ?? 0;
    const missed = {
      total: sum(this.counts, Slot.NoAgent, Slot.MissedOther),
      noAgent: c(Slot.NoAgent),
      abandonedInQueue: c(Slot.AbandonedInQueue),
      abandonedInIvr: c(Slot.AbandonedInIvr),
      outsideHours: c(Slot.OutsideHours),
      agentDidNotAnswer: c(Slot.AgentDidNotAnswer),
      other: c(Slot.MissedOther),
    };
    const offered = sum(this.counts, Slot.Answered, Slot.Unknown);
    const reachedQueue =
      c(Slot.Answered) + missed.noAgent + missed.abandonedInQueue + missed.agentDidNotAnswer;
    return {
      offered,
      answered: c(Slot.Answered),
      missed,
      voicemail: c(Slot.Voicemail),
      ivrOnly: c(Slot.IvrOnly),
      aiHandled: c(Slot.AiHandled),
      blocked: c(Slot.Blocked),
      failed: c(Slot.Failed),
      unknown: c(Slot.Unknown),
      reachedQueue,
      answeredWithinServiceLevel: c(Slot.AnsweredWithinServiceLevel),
      answerRate: rate(c(Slot.Answered), offered),
      serviceLevel: rate(c(Slot.AnsweredWithinServiceLevel), reachedQueue),
      queueWait: this.waits.summary(),
      talk: talkSummary(c(Slot.Answered), c(Slot.InboundTalk)),
    };
  }

  #outbound(): OutboundCalls {
    const c = (slot: number): number => this.counts[slot] ?? 0;
    const made = sum(this.counts, Slot.Connected, Slot.OutOther);
    return {
      made,
      connected: c(Slot.Connected),
      notAnswered: c(Slot.NotAnswered),
      blocked: c(Slot.OutBlocked),
      failed: c(Slot.OutFailed),
      other: c(Slot.OutOther),
      callbacks: c(Slot.Callbacks),
      callbacksConnected: c(Slot.CallbacksConnected),
      connectRate: rate(c(Slot.Connected), made),
      talk: talkSummary(c(Slot.Connected), c(Slot.OutboundTalk)),
    };
  }
}

function bump(counts: Float64Array, slot: number, by = 1): void {
  counts[slot] = (counts[slot] ?? 0) + by;
}

/** Sum of `counts[from..to]`, both included. */
function sum(counts: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let i = from; i <= to; i++) total += counts[i] ?? 0;
  return total;
}
