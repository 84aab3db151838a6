export type { Scheduler } from '@ccc-kit/timers';
export type { FakeClock, VirtualClock } from './virtual-clock.ts';
export { ioFetch, virtualClock } from './virtual-clock.ts';
