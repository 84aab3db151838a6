import { isScheduler, monotonicScheduler, type Scheduler } from '@ccc-kit/timers';
import { CccClientErrorCode, CccError } from './errors.ts';

/**
 * The `scheduler` option, checked, or the default: Node's timers on a monotonic clock, so a wall-clock
 * adjustment never stalls or bursts the pacer (the signing clock stays `Date.now` unless the caller passes a
 * scheduler). Throws `ccc_client_invalid_argument`.
 */
export function resolveScheduler(scheduler: Scheduler | undefined): Scheduler {
  if (scheduler === undefined) return monotonicScheduler;
  if (!isScheduler(scheduler)) {
    const message = 'scheduler must have now, setTimeout and clearTimeout functions';
    throw new CccError(CccClientErrorCode.InvalidArgument, message);
  }
  return scheduler;
}
