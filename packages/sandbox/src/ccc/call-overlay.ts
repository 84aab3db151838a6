import type { CallFixture, Dataset } from '../dataset/types.ts';

/** A call placed through CreateCallOutSession, as `CccEmulator.callOuts()` lists it. */
export interface CccCallOut {
  /** The `SessionId` answered (the placed call's). */
  readonly sessionId: string;
  /** `UserId` as sent: the calling agent's account. */
  readonly userId: string;
  readonly callee: string;
  /** `UUI` as sent, `undefined` when none. */
  readonly uui: string | undefined;
  /** When the emulator placed it: its clock (`now`), in milliseconds. */
  readonly at: number;
}

/** The calls placed since the last reset, kept apart from the immutable dataset they join. */
export interface CallOverlay {
  add(call: CallFixture, callOut: CccCallOut): void;
  /**
   * `base` with the placed calls appended: `base` itself while there are none, else one new `Dataset` object
   * per change (of `base` or of the calls), so the per-dataset indexes (WeakMaps) see each state once.
   */
  over(base: Dataset): Dataset;
  callOuts(): readonly CccCallOut[];
  clear(): void;
}

/** Creates an empty overlay. */
export function createCallOverlay(): CallOverlay {
  let calls: readonly CallFixture[] = [];
  let outs: readonly CccCallOut[] = [];
  let combined:
    | { readonly base: Dataset; readonly calls: readonly CallFixture[]; readonly dataset: Dataset }
    | undefined;
  return {
    add(call, callOut) {
      // New arrays, never pushed to: a combined dataset handed out earlier keeps its own calls.
      calls = [...calls, call];
      outs = [...outs, callOut];
    },
    over(base) {
      if (calls.length === 0) return base;
      if (combined?.base !== base || combined.calls !== calls)
        combined = { base, calls, dataset: { ...base, calls: [...base.calls, ...calls] } };
      return combined.dataset;
    },
    callOuts: () => outs,
    clear() {
      calls = [];
      outs = [];
      combined = undefined;
    },
  };
}
