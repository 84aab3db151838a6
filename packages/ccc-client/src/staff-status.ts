import {
  type DescribeStaffStatusMetricsRequest,
  safeParseDescribeStaffStatusMetricsResponseTolerant,
} from '@ccc-kit/schemas';
import { checkGroupIds } from './call-in-metrics.ts';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { Execute } from './executor.ts';
import type { CccClient, CccLogger, DescribeStaffStatusMetricsArgs } from './types.ts';
import { validateTolerantResponse } from './validate.ts';

const ACTION = 'DescribeStaffStatusMetrics';

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });

/** A non-empty list of non-empty strings, or an argument error naming `name` and what to do instead. */
function checkTexts(name: string, values: unknown, what: string): string[] {
  if (!Array.isArray(values) || values.length === 0)
    throw argument(`${name} must be a non-empty list of ${what}; omit it for all`);
  if (values.some((value) => typeof value !== 'string' || value === ''))
    throw argument(`${name} must hold non-empty strings (${what})`);
  return [...(values as string[])];
}

/**
 * Builds and checks a DescribeStaffStatusMetrics body before any request. Statuses are not limited to the
 * known six, so a status Tencent adds later can be asked for without a new release.
 */
export function staffStatusParams(
  sdkAppId: number,
  args: DescribeStaffStatusMetricsArgs,
): DescribeStaffStatusMetricsRequest {
  const { emails, groupIds, statuses } = args;
  return {
    SdkAppId: sdkAppId,
    ...(emails === undefined ? {} : { StaffList: checkTexts('emails', emails, "agents' accounts (emails)") }),
    ...(groupIds === undefined ? {} : { GroupIdList: [...checkGroupIds(ACTION, groupIds)] }),
    ...(statuses === undefined ? {} : { StatusList: checkTexts('statuses', statuses, 'agent statuses') }),
  };
}

/**
 * The client's `describeStaffStatusMetrics`: every agent's live status, read tolerantly (one odd agent
 * drops its odd field, told to `logger`, never the board).
 */
export function staffStatusMethods(
  execute: Execute,
  sdkAppId: number,
  logger: CccLogger | undefined,
): Pick<CccClient, 'describeStaffStatusMetrics'> {
  return {
    async describeStaffStatusMetrics(args = {}) {
      const response = await execute(ACTION, staffStatusParams(sdkAppId, args), true);
      return validateTolerantResponse(
        ACTION,
        response,
        safeParseDescribeStaffStatusMetricsResponseTolerant,
        logger,
      );
    },
  };
}
