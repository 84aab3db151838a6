import { sleep } from '@ccc-kit/timers';
import { type AttemptOutcome, type AttemptSettings, attemptPush } from './attempt.ts';
import type { PushAction, PushItem } from './push-item.ts';

/** One HTTP attempt of a push. */
export interface PushAttempt extends AttemptOutcome {
  readonly pushId: string;
  readonly action: PushAction;
  /** 1 for the first try, 2–4 for retries. */
  readonly attempt: number;
}

/** What happened to a push after its last attempt. Failures are values: `push` never throws for them. */
export interface PushResult {
  readonly pushId: string;
  readonly action: PushAction;
  /** The receiver answered HTTP 2xx with JSON `ErrCode: 0`. */
  readonly delivered: boolean;
  /** HTTP attempts made (1 + retries). */
  readonly attempts: number;
  /** Status of the last attempt, `null` when it got no response. */
  readonly lastStatus: number | null;
  /** Body of the last reply, `null` when none was read. */
  readonly lastReply: string | null;
  /** Why the last attempt failed, `null` when delivered. */
  readonly failure: AttemptOutcome['failure'];
}

/** How one push is retried. */
export interface RetryPolicy {
  readonly settings: AttemptSettings;
  /** Wait before retry 1, 2, 3…; the last value repeats. */
  readonly delays: readonly number[];
  readonly maxRetries: number;
  readonly onAttempt: ((attempt: PushAttempt) => void) | undefined;
}

/**
 * The wait before retry `retry` (1-based): the configured schedule, whose last value repeats. It is the
 * package's only backoff: Tencent publishes no intervals and no jitter, so a test states the exact schedule.
 */
export const retryDelayMs = (delays: readonly number[], retry: number): number =>
  delays[Math.min(retry, delays.length) - 1] ?? 0;

/** One push: the first attempt, then retries after the configured delays until accepted or exhausted. */
export async function deliver(item: PushItem, policy: RetryPolicy, counted: () => void): Promise<PushResult> {
  const body = JSON.stringify(item.body);
  let outcome: AttemptOutcome = { status: null, reply: null, failure: null };
  let attempt = 0;
  while (attempt <= policy.maxRetries) {
    if (attempt > 0) await sleep(retryDelayMs(policy.delays, attempt), policy.settings.scheduler);
    attempt++;
    counted();
    outcome = await attemptPush(policy.settings, item, body);
    policy.onAttempt?.({ ...outcome, pushId: item.pushId, action: item.action, attempt });
    if (!outcome.failure) break;
  }
  return {
    pushId: item.pushId,
    action: item.action,
    delivered: !outcome.failure,
    attempts: attempt,
    lastStatus: outcome.status,
    lastReply: outcome.reply,
    failure: outcome.failure,
  };
}
