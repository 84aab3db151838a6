import { type CallFacts, normalizeNumber, type Push, toCallFacts, toChatRecord } from '@ccc-kit/cdr-parser';
import { safeParseCdrPush, type TelCdrInfo } from '@ccc-kit/schemas';
import { followUpOf } from './follow-up-facts.ts';
import type { RoutingFacts } from './routes/index.ts';
import type { FollowUpFact } from './store/index.ts';

// toCallFacts, not toCallRecord: this runs on every push before the ack, and the timeline is not needed.
/** A call's routing facts from its `toCallFacts` (computed once per push: follow-up reads them too). */
// Numbers are normalised here, once per push, so rules written `+86139`, `0086139` or `139` all match.
export const callFacts = (record: CallFacts, kind: RoutingFacts['kind']): RoutingFacts => ({
  kind,
  direction: record.direction,
  outcome: record.outcome,
  endStatus: record.endStatus.raw,
  skillGroupId: record.skillGroup?.id ?? null,
  skillGroupName: record.skillGroup?.name ?? null,
  caller: normalizeNumber(record.caller),
  callee: normalizeNumber(record.callee),
  protectedCaller: record.protectedCaller,
  protectedCallee: record.protectedCallee,
  queueWaitSeconds: record.durations.queueWait,
  talkSeconds: record.durations.talk,
  at: record.startedAt,
});

/**
 * The routing facts of a parsed push (recordings are not routed: they follow their call), with numbers in
 * international digits and, under number protection, the protected forms Tencent sent instead.
 */
export function facts(push: Exclude<Push, { kind: 'record' }> | Push): RoutingFacts {
  switch (push.kind) {
    case 'cdr':
      return callFacts(toCallFacts(push.payload), 'cdr');
    case 'imcdr': {
      const chat = toChatRecord(push.payload);
      return {
        kind: 'imcdr',
        direction: 'inbound',
        outcome: chat.outcome,
        endStatus: chat.endStatus.raw,
        skillGroupId: chat.skillGroup?.id ?? null,
        skillGroupName: chat.skillGroup?.name ?? null,
        caller: null,
        callee: null,
        queueWaitSeconds: chat.durations.queueWait,
        talkSeconds: chat.durations.talk,
        at: chat.startedAt,
      };
    }
    case 'voicemail':
    case 'record': {
      const at = push.payload.Timestamp ? new Date(push.payload.Timestamp * 1000) : null;
      return {
        kind: 'voicemail',
        direction: 'inbound',
        outcome: 'voicemail',
        endStatus: null,
        skillGroupId: null,
        skillGroupName: null,
        caller: normalizeNumber(push.payload.EndpointUser),
        callee: null,
        queueWaitSeconds: 0,
        talkSeconds: 0,
        at,
      };
    }
  }
}

/**
 * Routing facts of a call found by reconciliation: DescribeTelCdr rows carry the same fields as a CDR push
 * (a superset), so they go through the same parser and record builder.
 */
export function factsOfCall(call: TelCdrInfo): RoutingFacts {
  return callFacts(callFactsOfRow(call), 'cdr');
}

function callFactsOfRow(call: TelCdrInfo): CallFacts {
  const parsed = safeParseCdrPush(call);
  if (!parsed.ok)
    throw new Error(`DescribeTelCdr row is not a usable call record: ${parsed.issues[0]?.message}`);
  return toCallFacts(parsed.value);
}

/** The follow-up fact of a call found by reconciliation, as `routePush` computes it for a push. */
export function followUpOfRow(
  config: Parameters<typeof followUpOf>[0],
  call: TelCdrInfo,
  receivedAt: number,
): FollowUpFact | undefined {
  return config.internalToken === undefined
    ? undefined
    : followUpOf(config, callFactsOfRow(call), receivedAt);
}
