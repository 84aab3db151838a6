import { type Scheduler, sleep } from '@ccc-kit/timers';

/** One channel's deliveries, run one at a time in the order they were added. */
export interface ChannelQueue {
  /** Runs `task` after the ones added before it; settles when it ran (or was cleared before it started). */
  add(task: () => Promise<void>): Promise<void>;
  /** Drops the tasks that have not started; the running one finishes. */
  clear(): void;
  /** Settles once the tasks added so far have run or been dropped. */
  onIdle(): Promise<void>;
}

/**
 * A channel's queue: concurrency 1, and each task starts at least `intervalMs` after the previous one
 * started. It replaces p-queue (`concurrency: 1, intervalCap: 1, strict: true`, same starts), whose interval
 * runs on `Date.now` and real timers: on `scheduler`, tests can check Slack's pacing on a virtual clock.
 */
export function createChannelQueue(intervalMs: number, scheduler: Scheduler): ChannelQueue {
  let tail: Promise<void> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  let cleared = new AbortController();
  return {
    add(task) {
      const { signal } = cleared;
      const run = tail.then(async () => {
        const wait = lastStart + intervalMs - scheduler.now();
        if (!signal.aborted && wait > 0) await sleep(wait, scheduler, signal).catch(() => undefined);
        if (signal.aborted) return;
        lastStart = scheduler.now();
        await task();
      });
      tail = run.catch(() => undefined);
      return run;
    },
    clear() {
      cleared.abort();
      cleared = new AbortController();
    },
    onIdle: () => tail,
  };
}

/** Per-channel queues, created on first use, paced at `ratePerChannel` messages per second. */
export function createChannelQueues(ratePerChannel: number, scheduler: Scheduler) {
  const queues = new Map<string, ChannelQueue>();
  const intervalMs = Math.max(1, Math.round(1000 / ratePerChannel));
  return {
    for(channel: string): ChannelQueue {
      let queue = queues.get(channel);
      if (!queue) {
        queue = createChannelQueue(intervalMs, scheduler);
        queues.set(channel, queue);
      }
      return queue;
    },
    clear: (): void => {
      for (const queue of queues.values()) queue.clear();
    },
    onIdle: async (): Promise<void> => {
      await Promise.all([...queues.values()].map((queue) => queue.onIdle()));
    },
  };
}
