import {
  type DescribeStaffInfoListRequest,
  safeParseDescribeStaffInfoListResponseTolerant,
} from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { Execute } from './executor.ts';
import type { CccClient, CccLogger, DescribeStaffInfoListArgs } from './types.ts';
import { validateTolerantResponse } from './validate.ts';

const ACTION = 'DescribeStaffInfoList';
/** Largest documented `PageSize` of DescribeStaffInfoList. */
export const MAX_STAFF_INFO_PAGE_SIZE = 9999;
const DEFAULT_PAGE_SIZE = 100;

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });

const isWhole = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

/** Builds and checks a DescribeStaffInfoList body (page size 1–9999, page number from 0) before any request. */
export function staffInfoParams(
  sdkAppId: number,
  args: DescribeStaffInfoListArgs,
): DescribeStaffInfoListRequest {
  const { pageSize = DEFAULT_PAGE_SIZE, pageNumber = 0, staffMail, skillGroupId, modifiedTime } = args;
  if (!isWhole(pageSize, 1) || pageSize > MAX_STAFF_INFO_PAGE_SIZE)
    throw argument(`pageSize must be an integer from 1 to ${MAX_STAFF_INFO_PAGE_SIZE} (got ${pageSize})`);
  if (!isWhole(pageNumber, 0)) throw argument(`pageNumber must be an integer from 0 (got ${pageNumber})`);
  if (staffMail !== undefined && (typeof staffMail !== 'string' || staffMail === ''))
    throw argument("staffMail must be an agent's account (an email), not empty; omit it for every agent");
  if (skillGroupId !== undefined && !isWhole(skillGroupId, 0))
    throw argument(`skillGroupId must be a non-negative integer (got ${skillGroupId})`);
  // 1e11 s is the year 5138: such a number is milliseconds passed by mistake.
  if (modifiedTime !== undefined && (!isWhole(modifiedTime, 0) || modifiedTime >= 100_000_000_000))
    throw argument(`modifiedTime must be Unix seconds, a non-negative integer (got ${modifiedTime})`);
  return {
    SdkAppId: sdkAppId,
    PageSize: pageSize,
    PageNumber: pageNumber,
    ...(staffMail === undefined ? {} : { StaffMail: staffMail }),
    ...(skillGroupId === undefined ? {} : { SkillGroupId: skillGroupId }),
    ...(modifiedTime === undefined ? {} : { ModifiedTime: modifiedTime }),
  };
}

/**
 * The client's `describeStaffInfoList`: one page of the agent directory, read tolerantly like
 * DescribeTelCdr (one odd agent drops its odd field, told to `logger`, never the page).
 */
export function staffInfoMethods(
  execute: Execute,
  sdkAppId: number,
  logger: CccLogger | undefined,
): Pick<CccClient, 'describeStaffInfoList'> {
  return {
    async describeStaffInfoList(args = {}) {
      const response = await execute(ACTION, staffInfoParams(sdkAppId, args), true);
      return validateTolerantResponse(
        ACTION,
        response,
        safeParseDescribeStaffInfoListResponseTolerant,
        logger,
      );
    },
  };
}
