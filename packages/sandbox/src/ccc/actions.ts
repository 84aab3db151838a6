import {
  DescribeSessionDetailRequest,
  DescribeTelCdrRequest,
  DescribeTelRecordAsrRequest,
  DescribeTelSessionRequest,
} from '@ccc-kit/schemas';
import type { CallFixture, Dataset } from '../dataset/types.ts';
import { type ActionResult, fail, failWithDefault } from './api-error.ts';
import { describeCallInMetrics } from './call-in-metrics.ts';
import { type CallOutContext, createCallOutSession } from './call-out.ts';
import { describeIMCdrList } from './im-cdr-list.ts';
import { checkIntegers, checkSdkAppId, checkWindow, readParams } from './params.ts';
import { describeStaffInfoList } from './staff-info-list.ts';
import { describeStaffStatusMetrics } from './staff-status-metrics.ts';

/** What an action handler sees besides the request body. */
export interface ActionContext {
  /** The dataset, with the calls placed so far (CreateCallOutSession) appended. */
  readonly dataset: Dataset;
  readonly sdkAppId: number;
  readonly nowSeconds: number;
  /** Seconds a call placed by CreateCallOutSession talks. */
  readonly callOutTalkSeconds: number;
  /** Keeps a call placed by CreateCallOutSession (the emulator's overlay). */
  readonly placeCall: CallOutContext['placeCall'];
}

/** Answers one action: `Response` fields without `RequestId`, or a Tencent error. */
export type ActionHandler = (body: unknown, context: ActionContext) => ActionResult;

interface DatasetIndex {
  readonly bySession: ReadonlyMap<string, CallFixture>;
  /** Calls ordered by start time (then dataset order), the order DescribeTelCdr pages through. */
  readonly byTime: readonly CallFixture[];
}

// Datasets are immutable values: index each one once, even when `dataset` is a function returning it.
const indexes = new WeakMap<Dataset, DatasetIndex>();

function indexOf(dataset: Dataset): DatasetIndex {
  let index = indexes.get(dataset);
  if (!index) {
    const byTime = [...dataset.calls].sort((a, b) => callTime(a) - callTime(b));
    index = { bySession: new Map(dataset.calls.map((call) => [call.sessionId, call])), byTime };
    indexes.set(dataset, index);
  }
  return index;
}

/** When a call started, Unix seconds, as the record queries filter on it. */
export const callTime = (call: CallFixture): number =>
  call.telCdr.Time ?? call.telCdr.StartTimestamp ?? call.telSession.StartTimestamp ?? 0;

const sessionNotExists = () => failWithDefault('FailedOperation.SessionNotExists');

/** Looks a session up for the single-session actions (DescribeTelRecordAsr, DescribeTelSession). */
function findSession(
  schema: typeof DescribeTelSessionRequest | typeof DescribeTelRecordAsrRequest,
  body: unknown,
  context: ActionContext,
): CallFixture | ActionResult {
  const params = readParams(schema, body);
  if (!params.ok) return params;
  const bad =
    checkIntegers(params.value, ['SdkAppId']) ?? checkSdkAppId(params.value.SdkAppId, context.sdkAppId);
  if (bad) return bad;
  if (params.value.SessionId === '') return fail('InvalidParameterValue', '`SessionId` must not be empty.');
  return indexOf(context.dataset).bySession.get(params.value.SessionId) ?? sessionNotExists();
}

const isCall = (value: CallFixture | ActionResult): value is CallFixture => 'sessionId' in value;

const describeSessionDetail: ActionHandler = (body, context) => {
  const params = readParams(DescribeSessionDetailRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, SessionId, StartTimestamp: start, EndTimestamp: end } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId', 'StartTimestamp', 'EndTimestamp']) ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkWindow(start, end, context.nowSeconds, ['StartTimestamp', 'EndTimestamp']);
  if (bad) return bad;
  if (SessionId === '') return fail('InvalidParameterValue', '`SessionId` must not be empty.');
  const call = indexOf(context.dataset).bySession.get(SessionId);
  // The session must also lie in the window: Tencent searches the window, not the whole history.
  if (!call || callTime(call) < start || callTime(call) > end) return sessionNotExists();
  return { ok: true, body: { ...call.detail } };
};

const describeTelCdr: ActionHandler = (body, context) => {
  const params = readParams(DescribeTelCdrRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, StartTimeStamp: start, EndTimeStamp: end, PageSize, PageNumber } = params.value;
  if (PageSize === undefined || PageNumber === undefined) {
    const name = PageSize === undefined ? 'PageSize' : 'PageNumber';
    return fail('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
  }
  const bad =
    checkIntegers(params.value, ['SdkAppId', 'StartTimeStamp', 'EndTimeStamp', 'PageSize', 'PageNumber']) ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkWindow(start, end, context.nowSeconds, ['StartTimeStamp', 'EndTimeStamp']);
  if (bad) return bad;
  if (PageSize < 1 || PageSize > 100)
    return fail('InvalidParameterValue', '`PageSize` must be between 1 and 100.');
  if (PageNumber < 0) return fail('InvalidParameterValue', '`PageNumber` starts from 0.');
  const phones = params.value.Phones?.length ? new Set(params.value.Phones) : undefined;
  const sessions = params.value.SessionIds?.length ? new Set(params.value.SessionIds) : undefined;
  const matching = indexOf(context.dataset).byTime.filter((call) => {
    const time = callTime(call);
    if (time < start || time > end) return false;
    if (sessions && !sessions.has(call.sessionId)) return false;
    return !phones || phones.has(call.telCdr.Caller ?? '') || phones.has(call.telCdr.Callee ?? '');
  });
  const page = matching.slice(PageNumber * PageSize, (PageNumber + 1) * PageSize).map((call) => call.telCdr);
  // `TelCdrs` is deprecated but still returned next to `TelCdrList`, as Tencent does.
  return { ok: true, body: { TotalCount: matching.length, TelCdrs: page, TelCdrList: page } };
};

const describeTelRecordAsr: ActionHandler = (body, context) => {
  const found = findSession(DescribeTelRecordAsrRequest, body, context);
  if (!isCall(found)) return found;
  // Offline ASR disabled: an empty list (the CDR's `AsrStatus: NotExists` says why), not an error.
  return { ok: true, body: { AsrDataList: found.asr ?? [] } };
};

const describeTelSession: ActionHandler = (body, context) => {
  const found = findSession(DescribeTelSessionRequest, body, context);
  return isCall(found) ? { ok: true, body: { Session: found.telSession } } : found;
};

/** The emulated CCC actions (Version 2020-02-10). */
export const cccActions: Readonly<Record<string, ActionHandler>> = {
  CreateCallOutSession: createCallOutSession,
  DescribeCallInMetrics: describeCallInMetrics,
  DescribeIMCdrList: describeIMCdrList,
  DescribeSessionDetail: describeSessionDetail,
  DescribeStaffInfoList: describeStaffInfoList,
  DescribeStaffStatusMetrics: describeStaffStatusMetrics,
  DescribeTelCdr: describeTelCdr,
  DescribeTelRecordAsr: describeTelRecordAsr,
  DescribeTelSession: describeTelSession,
};
