import { DescribeStaffInfoListRequest, type StaffInfo } from '@ccc-kit/schemas';
import type { Dataset } from '../dataset/types.ts';
import { type ActionResult, fail } from './api-error.ts';
import { checkIntegers, checkSdkAppId, readParams } from './params.ts';

/** The emulated action's signature (see `ActionHandler` in actions.ts, which registers it). */
type Handler = (body: unknown, context: { dataset: Dataset; sdkAppId: number }) => ActionResult;

/** Largest documented `PageSize`. */
const MAX_PAGE_SIZE = 9999;
/** Role id of an agent (`SeatUserInfo.Role`: 1 admin, 2 quality inspector, 3 agent). */
const AGENT_ROLE = 3;

/**
 * When the agents were last modified: 00:00 UTC of the dataset's first day (they were configured before
 * any call), so a `ModifiedTime` after it finds no change, as an incremental sync of a quiet day should.
 */
function configuredAt(dataset: Dataset): number {
  let first = Infinity;
  for (const call of dataset.calls)
    first = Math.min(first, call.telCdr.Time ?? call.telCdr.StartTimestamp ?? first);
  for (const chat of dataset.chats) first = Math.min(first, chat.imCdr.Timestamp ?? first);
  return Number.isFinite(first) ? first - (first % 86_400) : 0;
}

// Datasets are immutable values: build each one's directory once.
const directories = new WeakMap<Dataset, readonly StaffInfo[]>();

/** The dataset's agents as DescribeStaffInfoList shows them, in catalog order. */
function directoryOf(dataset: Dataset): readonly StaffInfo[] {
  let directory = directories.get(dataset);
  if (!directory) {
    const modified = configuredAt(dataset);
    const groups = dataset.skillGroups ?? [];
    directory = (dataset.agents ?? []).map((agent) => ({
      Name: agent.name,
      Mail: agent.mail,
      Phone: agent.phone ?? '',
      Nick: agent.nick ?? '',
      StaffNumber: agent.staffNumber,
      // `RoleId` and `RoleIdList` are deprecated, but Tencent still answers them next to `RoleList`.
      RoleId: AGENT_ROLE,
      RoleIdList: [AGENT_ROLE],
      RoleList: [AGENT_ROLE],
      SkillGroupList: groups
        .filter((group) => agent.skillGroups.includes(group.name))
        .map((group) => ({ SkillGroupId: group.id, SkillGroupName: group.name, Priority: 3, Type: 'ALL' })),
      LastModifyTimestamp: modified,
      ExtensionNumber: agent.extensionNumber ?? '',
    }));
    directories.set(dataset, directory);
  }
  return directory;
}

/** `PageSize` 1–9999 and `PageNumber` from 0, as documented (both required). */
function checkPaging({ PageSize, PageNumber }: DescribeStaffInfoListRequest): ActionResult | undefined {
  if (PageSize < 1 || PageSize > MAX_PAGE_SIZE)
    return fail('InvalidParameterValue', `\`PageSize\` must be between 1 and ${MAX_PAGE_SIZE}.`);
  if (PageNumber < 0) return fail('InvalidParameterValue', '`PageNumber` starts from 0.');
  return undefined;
}

/**
 * DescribeStaffInfoList: the dataset's agents, filtered by `StaffMail` (case-insensitive, as email
 * addresses are), `SkillGroupId` and `ModifiedTime` (`LastModifyTimestamp` at or after it), paged by
 * `PageNumber`/`PageSize`; `TotalCount` counts every match.
 */
export const describeStaffInfoList: Handler = (body, context) => {
  const params = readParams(DescribeStaffInfoListRequest, body);
  if (!params.ok) return params;
  const { SdkAppId, PageSize, PageNumber, StaffMail, SkillGroupId, ModifiedTime } = params.value;
  const bad =
    checkIntegers(params.value, ['SdkAppId', 'PageSize', 'PageNumber', 'ModifiedTime', 'SkillGroupId']) ??
    checkSdkAppId(SdkAppId, context.sdkAppId) ??
    checkPaging(params.value);
  if (bad) return bad;
  const mail = StaffMail?.toLowerCase();
  const matching = directoryOf(context.dataset).filter(
    (staff) =>
      (mail === undefined || staff.Mail?.toLowerCase() === mail) &&
      (SkillGroupId === undefined || staff.SkillGroupList.some((g) => g.SkillGroupId === SkillGroupId)) &&
      (ModifiedTime === undefined || (staff.LastModifyTimestamp ?? 0) >= ModifiedTime),
  );
  const page = matching.slice(PageNumber * PageSize, (PageNumber + 1) * PageSize);
  return { ok: true, body: { TotalCount: matching.length, StaffList: page } };
};
