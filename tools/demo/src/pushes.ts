import { randomUUID } from 'node:crypto';
import { type Dataset, type DatasetPush, datasetToPushes } from '@ccc-kit/sandbox/dataset';
import type { Pusher, PushItem, PushResult } from '@ccc-kit/sandbox/pusher';
import { DemoError, DemoErrorCode } from './errors.ts';
import type { Progress } from './progress.ts';

/** Everything the demo pushes, in sending order, and the special cases it contains. */
export interface PushPlan {
  /** The day as Tencent sends it, with one recording moved before its call's CDR. */
  readonly day: readonly DatasetPush[];
  /** That recording: the webhook must still put it in the thread of its call's posts. */
  readonly early: DatasetPush;
  /** A CDR sent a second time with the same `X-TCCC-PUSH-UUID`, as Tencent does when an ack got lost. */
  readonly duplicate: DatasetPush;
  /** A CDR push whose `SessionId` is missing: the webhook answers 400 and quarantines it. */
  readonly malformed: PushItem;
}

/** What came back from the webhook. */
export interface PushOutcome {
  /** Pushes of the day acknowledged with `ErrCode: 0`. */
  readonly delivered: number;
  /** Pushes of the day never acknowledged (expected: 0). */
  readonly failed: readonly PushResult[];
  /** The duplicate was acknowledged with `ErrMsg: "duplicate"`. */
  readonly duplicateAcked: boolean;
  /** HTTP status of the malformed push (expected: 400). */
  readonly malformedStatus: number | null;
}

/**
 * Builds the demo's pushes from a dataset: the whole day (one recording out of order), then the
 * duplicate of a missed call's CDR and one malformed push.
 */
export function planPushes(dataset: Dataset): PushPlan {
  const day = datasetToPushes(dataset, { outOfOrder: 1 });
  const cdrIndex = new Map(
    day.flatMap((push, i) => (push.action === 'cdr' ? [[push.sessionId, i] as const] : [])),
  );
  const early = day.find((push, i) => push.action === 'record' && i < (cdrIndex.get(push.sessionId) ?? -1));
  const cdrs = day.filter((push) => push.action === 'cdr');
  const missed = cdrs.find((push) => (push.body as { EndStatusString?: string }).EndStatusString !== 'ok');
  const duplicate = missed ?? cdrs[0];
  if (!duplicate || !early) throw new DemoError(DemoErrorCode.Unexpected, 'the dataset has no recorded call');
  const { SessionId: _lost, ...withoutSessionId } = duplicate.body as { SessionId: string };
  return {
    day,
    early,
    duplicate,
    malformed: { action: 'cdr', body: withoutSessionId, pushId: randomUUID() },
  };
}

/** Sends `items` with at most `concurrency` in flight, ticking `progress` after each. */
async function sendAll(
  pusher: Pusher,
  items: readonly PushItem[],
  concurrency: number,
  progress: Progress,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await pusher.push(items[i] as PushItem);
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/**
 * Pushes the plan: the day through `pusher` (Tencent's retries included), then the duplicate, then the
 * malformed push through `once` (a pusher without retries: Tencent would retry it three times, and each
 * retry would be quarantined again).
 */
export async function sendPlan(
  plan: PushPlan,
  pushers: { readonly pusher: Pusher; readonly once: Pusher },
  progress: Progress,
): Promise<PushOutcome> {
  const results = await sendAll(pushers.pusher, plan.day, 4, progress);
  const duplicate = await pushers.pusher.duplicate(plan.duplicate);
  progress.tick();
  const malformed = await pushers.once.push(plan.malformed);
  progress.tick();
  progress.stop();
  return {
    delivered: results.filter((r) => r.delivered).length,
    failed: results.filter((r) => !r.delivered),
    duplicateAcked: duplicate.delivered && (duplicate.lastReply ?? '').includes('duplicate'),
    malformedStatus: malformed.lastStatus,
  };
}
