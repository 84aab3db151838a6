import { type CurrentState, DESK_TO_IM_END_STATUS, DeskEndStatus } from '@ccc-kit/schemas';
import type { Random } from './random.ts';

/** How a Desk `EndStatus` reads as the IM CDR push's `EndStatusString`: the product's own table. */
export { DESK_TO_IM_END_STATUS };

/** What one generated chat will be. Exactly one of `endStatus` (ended) and `live` (in progress) is set. */
export interface ChatPlan {
  readonly endStatus: DeskEndStatus | null;
  readonly live: CurrentState | null;
  /** A long transcript (≥ 250 messages). */
  readonly long: boolean;
  /** Carries every IM element type at least once. */
  readonly everyElement: boolean;
}

/** Every Desk end status, in the order of the Desk enum. */
export const DESK_END_STATUSES: readonly DeskEndStatus[] = Object.keys(DeskEndStatus) as DeskEndStatus[];

/** The number of ended chats from which every Desk end status (and the long transcript) is guaranteed. */
export const CHAT_COVERAGE_MINIMUM: number = DESK_END_STATUSES.length;

/** The states of live sessions, in the order they are generated. */
export const LIVE_STATES: readonly CurrentState[] = [
  'Chatbot',
  'Queuing',
  'WaitingForAgentAnswering',
  'Agent',
];

const ended = (endStatus: DeskEndStatus, long = false): ChatPlan => ({
  endStatus,
  live: null,
  long,
  everyElement: long,
});

/**
 * `count` ended chats (every end status once when `count` reaches the coverage minimum, the
 * `AgentEndedSession` one with the long transcript carrying every element type), then `live` sessions
 * cycling through {@link LIVE_STATES}.
 */
export function planChats(random: Random, count: number, live: number): ChatPlan[] {
  const required = DESK_END_STATUSES.map((status) => ended(status, status === 'AgentEndedSession'));
  const extras = Array.from({ length: Math.max(0, count - required.length) }, () =>
    ended(
      random.weighted<DeskEndStatus>([
        ['AgentEndedSession', 30],
        ['UserEndedSession', 25],
        ['UserTimeout', 10],
        ['ChatbotReception', 12],
        ['ManualTransfer', 6],
        ['AgentTimeout', 4],
        ['NoAgentsOnline', 5],
        ['TimeoutTransfer', 4],
        ['UserAbandonedDuringQueueing', 4],
      ]),
    ),
  );
  const inProgress = Array.from({ length: live }, (_, i) => ({
    endStatus: null,
    live: LIVE_STATES[i % LIVE_STATES.length] as CurrentState,
    long: false,
    everyElement: false,
  }));
  return [...random.shuffle([...required, ...extras]).slice(0, count), ...inProgress];
}
