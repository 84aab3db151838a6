import {
  type DescribeCallInMetricsRequest,
  safeParseDescribeCallInMetricsResponseTolerant,
} from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { Execute } from './executor.ts';
import type { CccClient, CccLogger, DescribeCallInMetricsArgs } from './types.ts';
import { validateTolerantResponse } from './validate.ts';

const ACTION = 'DescribeCallInMetrics';

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });

/**
 * Checks a list of skill-group ids before any request: non-empty (Tencent documents no meaning for `[]`,
 * so "every group" is said by omitting it) and non-negative integers. Shared with DescribeStaffStatusMetrics.
 */
export function checkGroupIds(action: string, groupIds: unknown): readonly number[] {
  const fail = (message: string) =>
    new CccError(CccClientErrorCode.InvalidArgument, `${action}: ${message}`, { action });
  if (!Array.isArray(groupIds) || groupIds.length === 0)
    throw fail('groupIds must be a non-empty list of skill-group ids; omit it for every group');
  const bad = groupIds.find((id) => !Number.isSafeInteger(id) || (id as number) < 0);
  if (bad !== undefined) throw fail(`groupIds must hold non-negative integers (got ${String(bad)})`);
  return groupIds as readonly number[];
}

/**
 * Builds and checks a DescribeCallInMetrics body before any request. The skill-group dimension is always
 * asked for (`EnabledSkillGroup: true`, Tencent's default said out loud); lines only with `enabledNumber`.
 */
export function callInMetricsParams(
  sdkAppId: number,
  args: DescribeCallInMetricsArgs,
): DescribeCallInMetricsRequest {
  const { groupIds, enabledNumber } = args;
  if (enabledNumber !== undefined && typeof enabledNumber !== 'boolean')
    throw argument(`enabledNumber must be a boolean (got ${String(enabledNumber)})`);
  return {
    SdkAppId: sdkAppId,
    EnabledSkillGroup: true,
    ...(enabledNumber === undefined ? {} : { EnabledNumber: enabledNumber }),
    ...(groupIds === undefined ? {} : { GroupIdList: [...checkGroupIds(ACTION, groupIds)] }),
  };
}

/**
 * The client's `describeCallInMetrics`: the live inbound queue, read tolerantly (a wrong counter is
 * dropped, told to `logger`, never the whole answer).
 */
export function callInMetricsMethods(
  execute: Execute,
  sdkAppId: number,
  logger: CccLogger | undefined,
): Pick<CccClient, 'describeCallInMetrics'> {
  return {
    async describeCallInMetrics(args = {}) {
      const response = await execute(ACTION, callInMetricsParams(sdkAppId, args), true);
      return validateTolerantResponse(
        ACTION,
        response,
        safeParseDescribeCallInMetricsResponseTolerant,
        logger,
      );
    },
  };
}
