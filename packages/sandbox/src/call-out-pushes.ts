import { randomUUID } from 'node:crypto';
import type { CallFixture } from './dataset/types.ts';
import { SandboxError, SandboxErrorCode } from './errors.ts';
import { createPusher, type Pusher, type PusherOptions } from './pusher/pusher.ts';

/** Pushes the CDR of each call placed through CreateCallOutSession, as Tencent does when the call ends. */
export interface CallOutPushes {
  /** The CCC emulator's `onCallOut`: schedules the call's CDR push when a target is attached. */
  onCallOut(call: CallFixture): void;
  /** Sends the CDRs of calls placed from now on to `options.url` (replacing any earlier target). */
  attach(options: PusherOptions): void;
  /** Stops sending: the CDRs not pushed yet are dropped. */
  detach(): void;
  /** Cancels every scheduled push and detaches (for `Sandbox.stop`). */
  stop(): void;
}

/**
 * Creates the call-out CDR pushes of a sandbox: each CDR goes out `delayMs` after the call was placed (a
 * short simulated talk), to the target attached at that moment, with a fresh `X-TCCC-PUSH-UUID`.
 *
 * @example
 * const pushes = createCallOutPushes(2_000);
 * const ccc = await startCccEmulator({ ...options, onCallOut: pushes.onCallOut });
 * pushes.attach({ url: 'http://127.0.0.1:8080/push' });
 */
export function createCallOutPushes(delayMs: number): CallOutPushes {
  if (!Number.isFinite(delayMs) || delayMs < 0)
    throw new SandboxError(SandboxErrorCode.InvalidOptions, 'callOutPushDelayMs must be a number >= 0');
  let target: Pusher | undefined;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const send = (call: CallFixture): void => {
    // Delivery failures are results, not rejections; anything else must not become an unhandled rejection
    // that stops the process hosting the sandbox.
    target?.push({ action: 'cdr', body: call.push, pushId: randomUUID() }).catch(() => undefined);
  };
  return {
    onCallOut(call) {
      if (!target) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(call);
      }, delayMs);
      timers.add(timer);
    },
    attach(options) {
      target = createPusher(options);
    },
    detach() {
      target = undefined;
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      target = undefined;
    },
  };
}
