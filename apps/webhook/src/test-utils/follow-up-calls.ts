import { toCallRecord } from '@ccc-kit/cdr-parser';
import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import type { Harness } from './harness.ts';

/** A missed inbound call of the harness's sandbox dataset (it opens a follow-up when stored). */
export function missedCall(h: Harness): CallFixture {
  const call = h.sandbox.dataset.calls.find((c) => {
    const record = toCallRecord(c.push);
    return record.outcome === 'missed' && record.direction === 'inbound';
  });
  if (!call) throw new Error('the sandbox dataset has no missed inbound call');
  return call;
}

/**
 * An answered outbound call of the dataset made into a callback of `missed`: session `sessionId`, to the
 * missed call's number, started `afterSeconds` after it (every timestamp moved alike).
 */
export function callbackOf(
  h: Harness,
  missed: CallFixture,
  sessionId: string,
  afterSeconds: number,
): Record<string, unknown> {
  const answered = h.sandbox.dataset.calls.find((c) => {
    const record = toCallRecord(c.push);
    return record.outcome === 'answered' && record.direction === 'outbound' && record.durations.talk > 0;
  });
  if (!answered) throw new Error('the sandbox dataset has no answered outbound call');
  const push = answered.push as Record<string, unknown>;
  const shift = Number(missed.push.StartTimestamp) + afterSeconds - Number(push.StartTimestamp);
  const moved = (key: string) => (Number(push[key]) > 0 ? { [key]: Number(push[key]) + shift } : {});
  return {
    ...push,
    SessionId: sessionId,
    Callee: missed.push.Caller,
    ...['StartTimestamp', 'RingTimestamp', 'AcceptTimestamp', 'EndedTimestamp'].reduce(
      (all, key) => Object.assign(all, moved(key)),
      {},
    ),
  };
}
