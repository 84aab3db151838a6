import type { Scheduler } from './types.ts';

/** A reserved send slot: `commit()` right before the request leaves, `cancel()` if it never does. */
export interface SendSlot {
  commit(): void;
  cancel(): void;
}

/** Waits for, and reserves, the next send slot of `action`. */
export type ActionGate = (action: string) => Promise<SendSlot>;

/** Tencent documents 20 requests/second per action; 16 leaves headroom for network jitter. */
export const DEFAULT_RATE_PER_SECOND = 16;

/**
 * Paces sends evenly: at most one every `1000 / perSecond` ms (a token bucket of capacity one), so no
 * one-second window ever holds more than `perSecond` sends and no burst reaches the server.
 *
 * Why not a bucket with a burst allowance, or p-throttle's window: both grant slots when a call is queued,
 * but with 100 concurrent calls the event loop took tens of ms between "slot granted" and "fetch called",
 * and bursts arrived at the server bunched further by connection set-up (measured). Here a slot is
 * reserved first and its time is the moment it is committed, just before `fetch`; the next slot opens one
 * spacing after that commit, and waiters re-check the scheduler's clock on wake (real timers may fire a
 * little early).
 */
export function createPacer(perSecond: number, scheduler: Scheduler): () => Promise<SendSlot> {
  const spacing = 1000 / perSecond;
  const waiters: ((slot: SendSlot) => void)[] = [];
  let lastSend = Number.NEGATIVE_INFINITY;
  let reserved = false;
  let timerSet = false;

  const pump = (): void => {
    if (timerSet || reserved || waiters.length === 0) return;
    const wait = lastSend + spacing - scheduler.now();
    if (wait > 0) {
      timerSet = true;
      scheduler.setTimeout(() => {
        timerSet = false;
        pump();
      }, Math.ceil(wait));
      return;
    }
    reserved = true;
    waiters.shift()?.(slot());
  };

  const slot = (): SendSlot => {
    let open = true;
    const settle = (sent: boolean): void => {
      if (!open) return;
      open = false;
      reserved = false;
      if (sent) lastSend = scheduler.now();
      pump();
    };
    return { commit: () => settle(true), cancel: () => settle(false) };
  };

  return () =>
    new Promise<SendSlot>((resolve) => {
      waiters.push(resolve);
      pump();
    });
}

/** One pacer per action, created lazily and shared by every call (and retry attempt) of a client. */
export function createActionGate(perSecond: number, scheduler: Scheduler): ActionGate {
  const pacers = new Map<string, () => Promise<SendSlot>>();
  return (action) => {
    let pacer = pacers.get(action);
    if (!pacer) {
      pacer = createPacer(perSecond, scheduler);
      pacers.set(action, pacer);
    }
    return pacer();
  };
}
