import type { ChatMessage, MsgElement } from '@ccc-kit/schemas';
import { RICH_KINDS, type RichKind, richElem, textElem } from './chat-elements.ts';
import { AGENT_LINES, CUSTOMER_LINES, SMALL_TALK } from './phrases.ts';
import type { Random } from './random.ts';

/** A sender: account and `FromAccountRole` (1 customer, 2 agent, 3 system/bot). */
export interface Party {
  readonly account: string;
  readonly role: 1 | 2 | 3;
}

/** A transcript being written, with its own clock (Unix ms) that only moves forward. */
export interface ChatLog {
  readonly messages: ChatMessage[];
  /** Time of the last event, Unix ms. */
  now(): number;
  /** Adds a message `gap` seconds (drawn in [min, max]) after the previous one. */
  say(party: Party, body: MsgElement | readonly MsgElement[], min?: number, max?: number): void;
  /** Lets time pass without a message. */
  wait(seconds: number): void;
}

/** Starts an empty transcript at `startMs`. */
export function createLog(random: Random, startMs: number): ChatLog {
  let clock = startMs;
  const messages: ChatMessage[] = [];
  return {
    messages,
    now: () => clock,
    say(party, body, min = 2, max = 40) {
      // At least 1 ms apart: message timestamps are strictly increasing.
      clock += Math.max(1, random.int(min * 1000, max * 1000));
      const MsgBody = Array.isArray(body) ? [...body] : [body as MsgElement];
      messages.push({ FromAccount: party.account, FromAccountRole: party.role, MsgBody, Timestamp: clock });
    },
    wait(seconds) {
      clock += seconds * 1000;
    },
  };
}

/** Options of {@link converse}. */
export interface Conversation {
  readonly customer: Party;
  readonly agent: Party;
  /** Messages to write. */
  readonly turns: number;
  /** Skill group name, to pick what the customer talks about. */
  readonly topic: string;
  readonly sdkAppId: number;
  /** Put every non-text element type in the first messages (customer and agent alternate). */
  readonly everyElement: boolean;
}

/** Writes a customer/agent conversation: mostly text, with images, files and other elements now and then. */
export function converse(random: Random, log: ChatLog, options: Conversation): void {
  const customerLines = CUSTOMER_LINES[options.topic] ?? (CUSTOMER_LINES['*'] as readonly string[]);
  const forced: RichKind[] = options.everyElement ? [...RICH_KINDS] : [];
  let speaker = options.customer;
  for (let i = 0; i < options.turns; i++) {
    const rich =
      forced.shift() ?? (random.chance(speaker.role === 1 ? 0.12 : 0.05) ? random.pick(RICH_KINDS) : null);
    const lines = random.chance(0.3) ? SMALL_TALK : speaker.role === 1 ? customerLines : AGENT_LINES;
    const at = Math.floor(log.now() / 1000);
    const body = rich
      ? richElem(random, options.sdkAppId, rich, speaker.account, at)
      : textElem(random.pick(lines));
    log.say(speaker, body, 2, speaker.role === 1 ? 45 : 25);
    // Both sides sometimes send two messages in a row.
    if (random.chance(0.7)) speaker = speaker === options.customer ? options.agent : options.customer;
  }
}
