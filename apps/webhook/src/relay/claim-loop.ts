import type { ClaimedMessage } from '../store/types.ts';
import type { RelayContext } from './context.ts';

/** Most messages claimed and not yet delivered, across channels. */
const MAX_IN_FLIGHT = 200;
/** Shortest time between two claims with channel ownership (PostgreSQL) while messages are in flight. */
const CLAIM_GAP_MS = 100;
/** The reason of a wake-up's abort (the pause ignores it). */
const WOKEN = 'woken';

/** The relay's claim loop: what `start()` runs until the relay stops. */
export interface ClaimLoop {
  /** Claims due rows and hands them to `enqueue` while the relay runs. */
  run(): Promise<void>;
  /** Ends the wait for the next poll, if the loop is waiting. */
  wake(): void;
}

/** Claims due rows up to the in-flight limit and hands them to `enqueue`; true when the loop should wait. */
async function claimOnce(
  context: RelayContext,
  enqueue: (message: ClaimedMessage) => void,
  renewal: { at: number },
): Promise<boolean> {
  const { state } = context;
  const { channelLease } = context.options;
  const limit = Math.max(0, MAX_IN_FLIGHT - state.inFlight);
  // Full: nothing to claim. A claim would still scan the due rows, so it runs only to renew this
  // replica's channel leases (PostgreSQL), three times per lease.
  if (limit === 0 && (!channelLease || context.now() - renewal.at < channelLease.leaseMs / 3)) return true;
  renewal.at = context.now();
  const claimed = await context.options.store.claimDue({
    now: context.now(),
    limit,
    leaseMs: context.leaseMs,
    owner: context.options.owner,
    // No channel holds more than its rate can post within a lease (renewals aside).
    perChannel: Math.max(1, Math.floor((context.options.ratePerChannel * context.leaseMs) / 1000)),
    ...(channelLease ? { channelLeaseMs: channelLease.leaseMs } : {}),
  });
  for (const message of claimed) enqueue(message);
  return claimed.length === 0 || state.inFlight >= MAX_IN_FLIGHT;
}

/** Creates the claim loop of a relay; `enqueue` starts delivering one claimed message. */
export function createClaimLoop(
  context: RelayContext,
  enqueue: (message: ClaimedMessage) => void,
): ClaimLoop {
  const { store, owner, logger } = context.options;
  const { state, waits, now } = context;
  let wakeUp: AbortController | null = null;
  let lastClaim = Number.NEGATIVE_INFINITY;
  const renewal = { at: Number.NEGATIVE_INFINITY };

  const cycle = async (): Promise<void> => {
    // Every stored push wakes the relay. On PostgreSQL a claim is a transaction of several statements
    // (channel leases); while messages are in flight their channels are busy anyway, so claims come at most
    // every CLAIM_GAP_MS there: a burst of pushes is not a claim transaction per push (measured: ingest fell
    // from 1,349 to 747 acks/s with one per wake).
    const early = lastClaim + CLAIM_GAP_MS - now();
    if (context.options.channelLease && state.inFlight > 0 && early > 0) await waits.pause(early);
    if (!state.running) return;
    lastClaim = now();
    if (!(await claimOnce(context, enqueue, renewal))) return;
    wakeUp = new AbortController();
    await waits.pause(context.pollMs, wakeUp.signal);
    wakeUp = null;
  };

  const run = async (): Promise<void> => {
    // Rows leased to this owner that nothing in this process delivers: all of them at start (the previous
    // process died), and possibly some after a store error (a claim can commit although the call failed,
    // e.g. a PostgreSQL connection cut before the COMMIT reply). They are released once nothing is in
    // flight, claiming paused until then, instead of waiting for the lease (RELAY_LEASE) to expire.
    let orphans = true;
    let lastRecovery = Number.NEGATIVE_INFINITY;
    while (state.running) {
      try {
        if (orphans && state.inFlight > 0) {
          await waits.pause(context.pollMs);
          continue;
        }
        if (orphans) {
          await store.releaseClaims(owner);
          orphans = false;
        }
        if (now() - lastRecovery > context.leaseMs / 4) {
          lastRecovery = now();
          await store.recoverExpiredLeases(now());
        }
        await cycle();
      } catch (error) {
        orphans = true;
        logger.error({ err: error }, 'relay cycle failed; retrying');
        await waits.pause(context.pollMs);
      }
    }
  };

  // Called for every stored push: abort() without a reason builds a DOMException (stack trace included)
  // each time, even on a controller already aborted, which showed in ingest profiles.
  const wake = (): void => {
    if (wakeUp && !wakeUp.signal.aborted) wakeUp.abort(WOKEN);
  };
  return { run, wake };
}
