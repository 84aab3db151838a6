/**
 * How big each scenario runs. `pnpm test` runs the bounded figures (the whole e2e package must stay within
 * a few minutes on 2 CI cores, twice: Node 20 and 24); `pnpm test:reliability` sets RELIABILITY_FULL=1.
 */
export const FULL: boolean = process.env.RELIABILITY_FULL === '1';

/** Figures of every scenario, bounded or full. */
export const SCALE = {
  /** Scenario 1: SIGKILL/restart cycles, and the pusher's parallel pushes. */
  crashCycles: FULL ? 20 : 5,
  crashConcurrency: FULL ? 16 : 6,
  /** Scenario 5: generated hostile bodies and query strings. */
  hostileBodies: FULL ? 10_000 : 2_000,
  hostileQueries: FULL ? 2_000 : 300,
  /** Scenario 5a: unauthenticated requests with random 1 KB actions (the label flood). */
  hostileActions: FULL ? 20_000 : 10_000,
  /** Scenario 5b: rounds of good pushes with hostile values mixed in, per engine. */
  hostileValueRounds: FULL ? 6 : 2,
  /** Scenario 8: channels and calls per channel drained by three PostgreSQL replicas. */
  replicaChannels: FULL ? 8 : 6,
  replicaCallsPerChannel: FULL ? 60 : 15,
  /** Scenario 7: offered pushes per second and for how long. */
  loadRate: FULL ? 2_000 : 1_000,
  loadSeconds: FULL ? 60 : 10,
  /** Scenario 4: pushes sent through each store outage. */
  storePushes: FULL ? 3_000 : 300,
  /** Scenario 7: drain the whole backlog afterwards (through a Slack without limits), or account for it. */
  loadFullDrain: FULL,
} as const;
