import { CHAT_SLOTS, type ChatContribution, ChatSlot } from './chat-classify.ts';
import { rate, type TalkSummary, talkSummary, type WaitSummary } from './summaries.ts';
import { WaitHistogram } from './wait-histogram.ts';

/** Chats that reached no one, by IM `EndStatusString`; the causes add up to `total`. */
export interface MissedChats {
  readonly total: number;
  /** `noSeatOnline`. */
  readonly noAgent: number;
  /** `ringingGiveUp`: the customer left while an agent was being assigned. */
  readonly abandonedInQueue: number;
  /** `ivrGiveUp`: the customer left the bot flow. */
  readonly abandonedInBot: number;
  /** `notWorkTime`. */
  readonly outsideHours: number;
  /** `seatGiveUp`. */
  readonly agentDidNotAnswer: number;
  readonly other: number;
}

/** Ratings of a row (`satisfaction` of the input). */
export interface SatisfactionSummary {
  /** Rated chats. */
  readonly count: number;
  readonly total: number;
  /** `total / count`, `null` when nothing was rated. */
  readonly mean: number | null;
}

/** The counts of one chat row. `sessions` = `answeredByAgent + answeredByBot + missed.total + timedOut + failed + unknown`. */
export interface ChatCounts {
  readonly sessions: number;
  readonly answeredByAgent: number;
  /** The chatbot served the customer and no agent took part (`ivrEnd`, or `ok` without an agent). */
  readonly answeredByBot: number;
  readonly missed: MissedChats;
  /** `autoFinished` before any agent took part: the customer stopped replying. */
  readonly timedOut: number;
  readonly failed: number;
  readonly unknown: number;
  /** `answeredByAgent + missed.noAgent + missed.abandonedInQueue + missed.agentDidNotAnswer`. */
  readonly reachedQueue: number;
  /** `(answeredByAgent + answeredByBot) / sessions`. */
  readonly answerRate: number | null;
  /** Over the `reachedQueue` chats: queue entry → accept (or end). */
  readonly wait: WaitSummary;
  /** Time with an agent, over the chats answered by an agent. */
  readonly talk: TalkSummary;
  readonly satisfaction: SatisfactionSummary;
}

/** Accumulates the chats of one row. */
export class ChatRow {
  readonly counts: Float64Array = new Float64Array(CHAT_SLOTS);
  readonly waits: WaitHistogram = new WaitHistogram();

  add(chat: ChatContribution): void {
    const counts = this.counts;
    counts[chat.slot] = (counts[chat.slot] ?? 0) + 1;
    if (chat.wait >= 0) this.waits.add(chat.wait);
    if (chat.slot === ChatSlot.AnsweredByAgent)
      counts[ChatSlot.AgentTalk] = (counts[ChatSlot.AgentTalk] ?? 0) + chat.talk;
    if (!Number.isNaN(chat.rating)) {
      counts[ChatSlot.Rated] = (counts[ChatSlot.Rated] ?? 0) + 1;
      counts[ChatSlot.RatingTotal] = (counts[ChatSlot.RatingTotal] ?? 0) + chat.rating;
    }
  }

  merge(other: ChatRow): void {
    for (let i = 0; i < CHAT_SLOTS; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.waits.merge(other.waits);
  }

  volume(): number {
    let sessions = 0;
    for (let i = ChatSlot.AnsweredByAgent; i <= ChatSlot.Unknown; i++) sessions += this.counts[i] ?? 0;
    return sessions;
  }

  toJSON(): ChatCounts {
    const c = (slot: number): number => this.counts[slot] ?? 0;
    const missed = {
      total:
        c(ChatSlot.NoAgent) +
        c(ChatSlot.AbandonedInQueue) +
        c(ChatSlot.AbandonedInBot) +
        c(ChatSlot.OutsideHours) +
        c(ChatSlot.AgentDidNotAnswer) +
        c(ChatSlot.MissedOther),
      noAgent: c(ChatSlot.NoAgent),
      abandonedInQueue: c(ChatSlot.AbandonedInQueue),
      abandonedInBot: c(ChatSlot.AbandonedInBot),
      outsideHours: c(ChatSlot.OutsideHours),
      agentDidNotAnswer: c(ChatSlot.AgentDidNotAnswer),
      other: c(ChatSlot.MissedOther),
    };
    const sessions = this.volume();
    const answered = c(ChatSlot.AnsweredByAgent) + c(ChatSlot.AnsweredByBot);
    const rated = c(ChatSlot.Rated);
    return {
      sessions,
      answeredByAgent: c(ChatSlot.AnsweredByAgent),
      answeredByBot: c(ChatSlot.AnsweredByBot),
      missed,
      timedOut: c(ChatSlot.TimedOut),
      failed: c(ChatSlot.Failed),
      unknown: c(ChatSlot.Unknown),
      reachedQueue:
        c(ChatSlot.AnsweredByAgent) + missed.noAgent + missed.abandonedInQueue + missed.agentDidNotAnswer,
      answerRate: rate(answered, sessions),
      wait: this.waits.summary(),
      talk: talkSummary(c(ChatSlot.AnsweredByAgent), c(ChatSlot.AgentTalk)),
      satisfaction: {
        count: rated,
        total: c(ChatSlot.RatingTotal),
        mean: rate(c(ChatSlot.RatingTotal), rated),
      },
    };
  }
}
