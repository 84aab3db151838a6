export type { Scheduler } from '../scheduler.ts';
export type { FakeClock, VirtualClock } from './virtual-clock.ts';
export { ioFetch, virtualClock } from './virtual-clock.ts';
