import type { ServerResponse } from 'node:http';
import { realScheduler, sleep } from '@ccc-kit/timers';
import { sendJson } from './http.ts';

/** One fault to inject into the requests of a route (e.g. a CCC action, a Desk command, a Slack method). */
export type Fault =
  /** Delay the answer by `ms`, then answer normally. */
  | { readonly kind: 'latency'; readonly ms: number }
  /** Answer with this HTTP status and a small error body. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Destroy the socket without answering (connection reset). */
  | { readonly kind: 'reset' }
  /** Answer HTTP 200 with the service's own error envelope (Tencent `Error.Code`, Desk `ErrorCode`, Slack `error`). */
  | { readonly kind: 'api-error'; readonly code: string | number; readonly message?: string }
  /**
   * Run the route normally (what it stores stays stored), then lose its answer: `reset` destroys the socket
   * instead of answering, `timeout` answers only after `ms` (default 30 000), so a client's own timeout fires
   * first. This is the ambiguous outcome that exactly-once delivery has to survive.
   */
  | AcceptedLostFault;

/** The `accepted-lost` {@link Fault}: the request succeeded, the client never learns it. */
export interface AcceptedLostFault {
  readonly kind: 'accepted-lost';
  /** `reset`: the socket is destroyed instead of answering; `timeout`: the answer is held back `ms`. */
  readonly mode: 'reset' | 'timeout';
  /** How long `timeout` holds the answer back, in real milliseconds (default 30 000). */
  readonly ms?: number;
}

/** How long an `accepted-lost` fault in `timeout` mode holds the answer back by default. */
export const ACCEPTED_LOST_DEFAULT_MS = 30_000;

/**
 * What became of an answer: `sent`, or lost by an `accepted-lost` fault: `reset` (socket destroyed) or
 * `abandoned` (the client hung up while the answer was held back).
 */
export type Delivery = 'sent' | 'reset' | 'abandoned';

/** A fault registered for a route, consumed `times` times (Infinity = until cleared). */
export interface FaultRule {
  /** Exact route name (`DescribeTelCdr`, `describe_chat_messages`, `chat.postMessage`) or `*` for every route. */
  readonly route: string;
  readonly fault: Fault;
  times: number;
}

/** Registry of injected faults, shared by an emulator's routes. */
export interface Faults {
  /** Adds a fault for `route`, applied to the next `times` requests (default 1). */
  inject(route: string, fault: Fault, times?: number): void;
  /** Removes every fault (of one route when given). */
  clear(route?: string): void;
  /** Takes the next fault for `route`, if any, decrementing its count. */
  take(route: string): Fault | undefined;
}

/**
 * Creates an empty fault registry.
 *
 * @example
 * sandbox.faults.inject('DescribeTelCdr', { kind: 'status', status: 502 }, 2);
 */
export function createFaults(): Faults {
  const rules: FaultRule[] = [];
  return {
    inject(route, fault, times = 1) {
      rules.push({ route, fault, times });
    },
    clear(route) {
      for (let i = rules.length - 1; i >= 0; i--) if (!route || rules[i]?.route === route) rules.splice(i, 1);
    },
    take(route) {
      const index = rules.findIndex((r) => r.route === route || r.route === '*');
      const rule = rules[index];
      if (!rule) return undefined;
      rule.times -= 1;
      if (rule.times <= 0) rules.splice(index, 1);
      return rule.fault;
    },
  };
}

/**
 * Applies the transport part of a fault. Returns `true` when the request was fully answered (status or
 * reset) and the route must stop; latency resolves `false` after the delay; `api-error` is left to the
 * route (it knows its service's envelope) and also returns `false`, as does `accepted-lost`, which acts
 * after the route ({@link deliverAnswer}).
 */
export async function applyTransportFault(fault: Fault | undefined, res: ServerResponse): Promise<boolean> {
  if (!fault) return false;
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms, realScheduler);
      return false;
    case 'status': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(res, fault.status, { error: `injected_${fault.status}` }, headers);
      return true;
    }
    case 'reset':
      res.socket?.destroy();
      return true;
    case 'api-error':
    case 'accepted-lost':
      return false;
  }
}

/**
 * Sends a route's answer with `send`, unless an `accepted-lost` fault loses it after the route has run.
 * The held-back answer waits on real time (the client's timeout is real) and is dropped as soon as the
 * client hangs up, so no timer outlives the connection.
 */
export async function deliverAnswer(
  fault: Fault | undefined,
  res: ServerResponse,
  send: () => void,
): Promise<Delivery> {
  if (fault?.kind !== 'accepted-lost') {
    send();
    return 'sent';
  }
  if (fault.mode === 'reset') {
    res.socket?.destroy();
    return 'reset';
  }
  if (await hangsUpWithin(res, fault.ms ?? ACCEPTED_LOST_DEFAULT_MS)) return 'abandoned';
  send();
  return 'sent';
}

/** True when the client closes the connection before `ms` have passed. */
function hangsUpWithin(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed || res.socket?.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      realScheduler.clearTimeout(timer);
      resolve(true);
    };
    const timer = realScheduler.setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    res.once('close', onClose);
  });
}
