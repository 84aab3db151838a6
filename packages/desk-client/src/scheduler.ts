import { isScheduler, realScheduler, type Scheduler } from '@ccc-kit/timers';
import { invalidArgument } from './errors.ts';

/** The `scheduler` option, checked, or the real one. Throws `desk_client_invalid_argument`. */
export function resolveScheduler(scheduler: Scheduler | undefined): Scheduler {
  if (scheduler === undefined) return realScheduler;
  if (!isScheduler(scheduler))
    throw invalidArgument('scheduler must have now, setTimeout and clearTimeout functions');
  return scheduler;
}
