import { every, type Scheduler } from '@ccc-kit/timers';
import type { RelayContext } from './context.ts';

/**
 * Renews the leases of every row this relay holds, three times per lease, so a message waiting in a busy
 * channel's queue (or a post slower than the lease) is not recovered and posted by another relay. A renewal
 * that fails is only logged: the next one may land, and if the lease is lost meanwhile the fencing token
 * stops this relay from posting the row (`beginAttempt` answers false).
 */
export function createLeaseKeeper(context: RelayContext, scheduler: Scheduler) {
  const { store, owner, logger } = context.options;
  let cancel: (() => void) | null = null;
  const renew = (): void => {
    if (context.state.inFlight === 0) return;
    store.renewLeases(owner, { now: context.now(), leaseMs: context.leaseMs }).catch((error: unknown) => {
      logger.warn({ err: error }, 'cannot renew the relay leases; retrying at the next renewal');
    });
  };
  return {
    start(): void {
      cancel ??= every(Math.max(1, Math.floor(context.leaseMs / 3)), renew, scheduler);
    },
    stop(): void {
      cancel?.();
      cancel = null;
    },
  };
}
