import { setImmediate as nextTurn } from 'node:timers/promises';

/** Options of {@link createAfterAck}. */
export interface AfterAckOptions {
  /** Follow-ups holding a slot at once; default 4. */
  readonly slots?: number;
  /**
   * A follow-up gives its slot back when it ends or after this long, whichever comes first; default 250 ms.
   * A burst of commands is acked within that, and a slow lookup (a long range, waiting on Tencent's rate
   * budget) then never holds back anyone else's for more than this.
   */
  readonly holdMs?: number;
  /** Timer of the hold; default `setTimeout` (tests pass fake timers). */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  /**
   * Work waits until no request has arrived for this long (a burst is over), or until `holdMs` after the
   * arrival of the oldest work waiting, whichever comes first; default 4 ms. 0: only the next turn.
   */
  readonly quietMs?: number;
  /** Clock in milliseconds for the quiet period; default `performance.now`. */
  readonly now?: () => number;
  /** Waits `ms` (the quiet period); default a timer. Tests pass one that moves their clock. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Runs the work that follows an ack. */
export type AfterAck = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Schedules the work that follows an ack (access checks, lookups, replies) so the acks of a burst come first.
 * The work waits one turn of the event loop (everything from Bolt's signature check to a handler's first
 * request would otherwise run before the acks of the requests that arrived with it), then until no request
 * has come for `quietMs` (the rest of a burst is acked undisturbed, as by a bare Bolt app), then for one of
 * a few slots: without them the CPU of 50 commands' follow-ups ran between the acks of the same burst, and a bare
 * Bolt app acked 1.8× faster at p99 (bench, slash-command). A slot is held until the work ends or `holdMs`.
 *
 * @example
 * const afterAck = createAfterAck();
 * app.command('/ccc', async ({ ack, command, respond }) => {
 *   await ack();
 *   await afterAck(() => runCommand(deps, command, respond));
 * });
 */
export function createAfterAck(options: AfterAckOptions = {}): AfterAck {
  const slots = options.slots ?? 4;
  const holdMs = options.holdMs ?? 250;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  const quietMs = options.quietMs ?? 4;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let lastArrival = Number.NEGATIVE_INFINITY;
  let held = 0;
  const waiting: (() => void)[] = [];
  /** Until the requests stop coming (the burst's acks are done), at most `holdMs` after `oldest`. */
  const untilQuiet = async (oldest: number): Promise<void> => {
    for (;;) {
      const wait = Math.min(quietMs - (now() - lastArrival), holdMs - (now() - oldest));
      if (wait <= 0) return;
      await sleep(wait);
    }
  };
  // One wait for all the work of a burst: each piece sleeping on its own woke every few ms while the burst
  // lasted, 50 commands × ~10 wake-ups between the acks they were meant to leave alone.
  let gate: Promise<void> | null = null;
  const quiet = (arrived: number): Promise<void> => {
    gate ??= untilQuiet(arrived).finally(() => {
      gate = null;
    });
    return gate;
  };
  const acquire = async (): Promise<() => void> => {
    const arrived = now();
    lastArrival = arrived;
    await nextTurn();
    if (quietMs > 0) await quiet(arrived);
    if (held >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so a new arrival cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else held -= 1;
    };
  };
  return async (work) => {
    const release = await acquire();
    setTimer(release, holdMs);
    try {
      return await work();
    } finally {
      release();
    }
  };
}
