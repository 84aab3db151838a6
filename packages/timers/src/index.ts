export { type BackoffPolicy, backoff } from './backoff.ts';
export { every } from './every.ts';
export { isScheduler, monotonicScheduler, realScheduler, type Scheduler } from './scheduler.ts';
export { sleep } from './sleep.ts';
