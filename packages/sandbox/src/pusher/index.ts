export type { Scheduler } from '@ccc-kit/timers';
export type { PushAttempt, PushResult } from './deliver.ts';
export type { PushItem } from './push-item.ts';
export type { PushAllOptions, Pusher, PusherOptions } from './pusher.ts';
export { createPusher } from './pusher.ts';
