import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { PushAction, PushItem } from '../pusher/push-item.ts';
import { createRandom, type Random } from './random.ts';
import type { CallFixture, ChatFixture, Dataset } from './types.ts';

/** A push of a dataset, with when Tencent would send it and the session it belongs to. */
export interface DatasetPush extends PushItem {
  /** When Tencent would send it, Unix seconds. */
  readonly at: number;
  readonly sessionId: string;
}

/** Options of {@link datasetToPushes}. */
export interface DatasetPushOptions {
  /** Move this many recording pushes (spread over the calls) right before their call's CDR push. */
  readonly outOfOrder?: number;
  /**
   * Shuffle the whole list with this seed (any push may then precede its CDR), after `outOfOrder` has
   * been applied. Push ids do not change.
   */
  readonly shuffleSeed?: number;
}

interface Pending extends DatasetPush {
  /** Position in generation order, the tie-breaker of equal times. */
  readonly rank: number;
}

function callPushes(call: CallFixture, ids: Random, delays: Random, next: () => number): Pending[] {
  const end = call.push.EndedTimestamp ?? 0;
  const item = (action: PushAction, body: object, at: number): Pending => ({
    action,
    body,
    pushId: ids.uuid(),
    at,
    sessionId: call.sessionId,
    rank: next(),
  });
  // Recordings and voicemail are uploaded after the call: they usually arrive after the CDR.
  return [
    item('cdr', call.push, end + delays.int(1, 5)),
    ...call.records.map((r) => item('record', r, Math.max(r.Timestamp ?? end, end) + delays.int(6, 60))),
    ...(call.voicemail ? [item('voicemail', call.voicemail, end + delays.int(6, 30))] : []),
  ];
}

function chatPush(chat: ChatFixture, ids: Random, delays: Random, rank: number): Pending {
  const at = (chat.push.EndedTimestamp ?? 0) + delays.int(1, 5);
  return { action: 'imcdr', body: chat.push, pushId: ids.uuid(), at, sessionId: chat.sessionId, rank };
}

/** Moves `count` recordings (chosen with `random`) to just before their call's CDR push. */
function misorder(list: Pending[], count: number, random: Random): Pending[] {
  const chosen = new Set(random.shuffle(list.filter((p) => p.action === 'record')).slice(0, count));
  const result = list.filter((p) => !chosen.has(p));
  for (const record of chosen) {
    const cdr = result.findIndex((p) => p.action === 'cdr' && p.sessionId === record.sessionId);
    const target = result[cdr] as Pending;
    result.splice(cdr, 0, { ...record, at: target.at });
  }
  return result;
}

/**
 * Every push Tencent would send for a dataset, in sending order: per call a `cdr`, its `record`s and a
 * `voicemail`, per finished chat an `imcdr` (live chats are not pushed yet). Deterministic: ids and
 * times derive from the dataset's seed; `outOfOrder`/`shuffleSeed` break the order on purpose.
 *
 * @example
 * const pushes = datasetToPushes(dataset, { outOfOrder: 2 });
 * await pusher.pushAll(pushes, { concurrency: 4 });
 */
export function datasetToPushes(dataset: Dataset, options: DatasetPushOptions = {}): DatasetPush[] {
  const outOfOrder = options.outOfOrder ?? 0;
  if (!Number.isSafeInteger(outOfOrder) || outOfOrder < 0)
    throw new SandboxError(
      SandboxErrorCode.InvalidOptions,
      `outOfOrder must be a non-negative integer, got ${outOfOrder}`,
    );
  const root = createRandom(dataset.seed).fork('pushes');
  const ids = root.fork('ids');
  const delays = root.fork('delays');
  let rank = 0;
  const next = () => rank++;
  const pending = [
    ...dataset.calls.flatMap((call) => callPushes(call, ids, delays, next)),
    ...dataset.chats
      .filter((chat) => !chat.state.CurrentState)
      .map((chat) => chatPush(chat, ids, delays, next())),
  ].sort((a, b) => a.at - b.at || a.rank - b.rank);
  const misordered = misorder(pending, outOfOrder, root.fork('out-of-order'));
  const ordered =
    options.shuffleSeed === undefined ? misordered : createRandom(options.shuffleSeed).shuffle(misordered);
  return ordered.map(({ rank: _rank, ...push }) => push);
}
