import {
  DescribeIMCdrListRequest,
  IM_END_STATUS_BY_CODE,
  type IMCdrInfo,
  type ImEndStatus,
} from '@ccc-kit/schemas';
import type { ChatFixture, Dataset } from '../dataset/types.ts';
import { type ActionResult, fail } from './api-error.ts';
import { checkIntegers, checkSdkAppId, readParams } from './params.ts';

/** The emulated action's signature (see `ActionHandler` in actions.ts, which registers it). */
type Handler = (body: unknown, context: { dataset: Dataset; sdkAppId: number }) => ActionResult;

/**
 * Numeric `EndStatus` of each push `EndStatusString`: the inverse of `IM_END_STATUS_BY_CODE`, plus the
 * closest documented code for the statuses it leaves out (a customer who left before an agent accepted
 * "ended" the session, 109; a bot-flow end, outside hours and a system error have no counterpart, 0
 * "abnormal end"). Tencent documents no mapping; these only need to tell the same story as the push.
 */
const CODE_BY_END_STATUS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(IM_END_STATUS_BY_CODE).map(([code, name]) => [name, Number(code)])),
  ringingGiveUp: 109,
} satisfies Partial<Record<ImEndStatus, number>>;

/** Labels of the stars a customer gave (Desk's `SatisfactionSelected`, 1–5). */
const SATISFACTION_LABELS = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];

/** A chat as DescribeIMCdrList lists it: the same session, agent and times its `imcdr` push carries. */
function toIMCdrInfo(chat: ChatFixture, id: number): IMCdrInfo {
  const { push, imCdr } = chat;
  const stars = imCdr.SatisfactionSelected;
  return {
    Id: String(id),
    Duration: push.Duration ?? 0,
    EndStatus: CODE_BY_END_STATUS[push.EndStatusString ?? ''] ?? 0,
    Nickname: push.UserNickName ?? '',
    Type: 2,
    StaffId: push.SeatUser?.Mail ?? '',
    Timestamp: imCdr.Timestamp ?? push.StartTimestamp ?? 0,
    SessionId: chat.sessionId,
    SkillGroupId: push.QueuedSkillGroupId ? String(push.QueuedSkillGroupId) : '',
    SkillGroupName: push.QueuedSkillGroupName ?? '',
    ...(stars ? { Satisfaction: { Id: stars, Label: SATISFACTION_LABELS[stars - 1] ?? '' } } : {}),
    ClientUserId: push.UserId ?? chat.clientUserId,
  };
}

// Datasets are immutable values: list each one's records once.
const listings = new WeakMap<Dataset, readonly IMCdrInfo[]>();

/**
 * The dataset's ended chats (the ones whose `imcdr` push the sandbox sends; a live session has no service
 * record yet), oldest first by `Timestamp`, then `SessionId`.
 */
function listingOf(dataset: Dataset): readonly IMCdrInfo[] {
  let listing = listings.get(dataset);
  if (!listing) {
    const time = (chat: ChatFixture) => chat.imCdr.Timestamp ?? 0;
    const ended = dataset.chats
      .filter((chat) => !chat.state.CurrentState)
      .sort((a, b) => time(a) - time(b) || a.sessionId.localeCompare(b.sessionId));
    listing = ended.map((chat, i) => toIMCdrInfo(chat, 10_001 + i));
    listings.set(dataset, listing);
  }
  return listing;
}

/** `Limit` 1–100 (default 20), `Offset` from 0 (default 0), `Type` 1 or 2, start not after end. */
function checkPaging(params: DescribeIMCdrListRequest): ActionResult | undefined {
  const { Limit = 20, Offset = 0, Type, StartTimestamp: start, EndTimestamp: end } = params;
  if (start > end)
    return fail('InvalidParameterValue', '`StartTimestamp` must not be later than `EndTimestamp`.');
  if (Limit < 1 || Limit > 100) return fail('InvalidParameterValue', '`Limit` must be between 1 and 100.');
  if (Offset < 0) return fail('InvalidParameterValue', '`Offset` starts from 0.');
  if (Type !== undefined && Type !== 1 && Type !== 2)
    return fail('InvalidParameterValue', '`Type` must be 1 (omni-channel) or 2 (text customer service).');
  return undefined;
}

/**
 * DescribeIMCdrList: the records whose `Timestamp` lies in `[StartTimestamp, EndTimestamp]`, paged by
 * `Offset`/`Limit`. Tencent documents no maximum range for it, so only the order of the window is checked.
 * Every emulated chat is a text customer-service session (`Type` 2).
 */
export const describeIMCdrList: Handler = (body, context) => {
  const params = readParams(DescribeIMCdrListRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, StartTimestamp: start, EndTimestamp: end, Limit = 20, Offset = 0, Type } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId', 'StartTimestamp', 'EndTimestamp', 'Limit', 'Offset', 'Type']) ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkPaging(params.value);
  if (bad) return bad;
  const matching = listingOf(context.dataset).filter((row) => {
    const time = row.Timestamp ?? 0;
    return time >= start && time <= end && (Type === undefined || row.Type === Type);
  });
  return {
    ok: true,
    body: { TotalCount: matching.length, IMCdrList: matching.slice(Offset, Offset + Limit) },
  };
};
