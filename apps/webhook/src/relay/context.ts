import type { RelayWaits } from './backoff.ts';
import type { HistoryChecks } from './history-check.ts';
import type { RelayOptions } from './types.ts';

/** The relay's mutable state, shared by its claim loop and its deliveries. */
export interface RelayState {
  running: boolean;
  stoppedReason: string | null;
  /** Claimed messages not finished yet (queued or being delivered). */
  inFlight: number;
  /** Ids of the messages with a post started and not settled yet (on the wire, or its answer being recorded). */
  readonly posting: Set<number>;
}

/** What the parts of one relay share: its options with defaults applied, its waits and its state. */
export interface RelayContext {
  readonly options: RelayOptions;
  /** The clock of claims and leases (`options.now`, else the scheduler's). */
  readonly now: () => number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly waits: RelayWaits;
  readonly state: RelayState;
  /** Lookups of messages in doubt in Slack, before they are posted again. */
  readonly history: HistoryChecks;
  /** After an authentication failure: stops everything, once, with one log line. */
  stopForAuth(reason: string): void;
}
