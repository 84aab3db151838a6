import {
  safeParseDescribeSessionDetailResponse,
  safeParseDescribeTelCdrResponseTolerant,
  safeParseDescribeTelRecordAsrResponse,
  safeParseDescribeTelSessionResponse,
} from '@ccc-kit/schemas';
import { callInMetricsMethods } from './call-in-metrics.ts';
import { callOutMethods } from './call-out.ts';
import { resolveClientConfig } from './config.ts';
import { CccClientErrorCode, CccError } from './errors.ts';
import { imCdrMethods } from './im-cdr.ts';
import { staffInfoMethods } from './staff-info.ts';
import { staffStatusMethods } from './staff-status.ts';
import { iterateTelCdrPages, type TelCdrParams, telCdrPageParams } from './tel-cdr.ts';
import type { CccClient, CccClientOptions, SessionArgs } from './types.ts';
import { validateResponse, validateTolerantResponse } from './validate.ts';
import { checkWindow } from './windows.ts';

/**
 * Creates a typed, TC3-signed client for the Tencent Cloud Contact Center API 3.0 (`2020-02-10`), with a
 * per-action rate limit, retries and response validation.
 *
 * @example
 * const ccc = createCccClient({ secretId, secretKey, sdkAppId: 1400000000 });
 * for await (const cdr of ccc.iterateTelCdrs({ startTimestamp: dayStart, endTimestamp: dayEnd })) {
 *   console.log(cdr.SessionId, cdr.EndStatusString);
 * }
 */
export function createCccClient(options: CccClientOptions): CccClient {
  const { execute, clock, sdkAppId, logger } = resolveClientConfig(options);
  const session = (action: string, { sessionId }: SessionArgs) => {
    requireSessionId(action, sessionId);
    return execute(action, { SdkAppId: sdkAppId, SessionId: sessionId }, true);
  };
  const fetchTelCdr = async (params: TelCdrParams) => {
    const response = await execute('DescribeTelCdr', params, true);
    // Tolerant: one odd call row drops its odd field (logged), never the page.
    return validateTolerantResponse(
      'DescribeTelCdr',
      response,
      safeParseDescribeTelCdrResponseTolerant,
      logger,
    );
  };
  const pages: CccClient['iterateTelCdrPages'] = (args) =>
    iterateTelCdrPages(() => telCdrPageParams(sdkAppId, { ...args, pageNumber: 0 }, clock()), fetchTelCdr);
  return {
    async describeSessionDetail({ sessionId, startTimestamp, endTimestamp }) {
      const action = 'DescribeSessionDetail';
      requireSessionId(action, sessionId);
      const { start, end } = checkWindow(startTimestamp, endTimestamp, clock(), action);
      const params = { SdkAppId: sdkAppId, SessionId: sessionId, StartTimestamp: start, EndTimestamp: end };
      const response = await execute(action, params, true);
      return validateResponse(action, response, safeParseDescribeSessionDetailResponse);
    },
    ...imCdrMethods(execute, sdkAppId, logger),
    ...callOutMethods(execute, sdkAppId),
    ...staffInfoMethods(execute, sdkAppId, logger),
    ...callInMetricsMethods(execute, sdkAppId, logger),
    ...staffStatusMethods(execute, sdkAppId, logger),
    describeTelCdr: async (args) => fetchTelCdr(telCdrPageParams(sdkAppId, args, clock())),
    iterateTelCdrPages: pages,
    async *iterateTelCdrs(args) {
      for await (const page of pages(args)) yield* page.TelCdrList;
    },
    async describeTelRecordAsr(args) {
      const response = await session('DescribeTelRecordAsr', args);
      return validateResponse('DescribeTelRecordAsr', response, safeParseDescribeTelRecordAsrResponse);
    },
    async describeTelSession(args) {
      const response = await session('DescribeTelSession', args);
      return validateResponse('DescribeTelSession', response, safeParseDescribeTelSessionResponse);
    },
    async call(action, params, callOptions = {}) {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(action)) {
        throw new CccError(
          CccClientErrorCode.InvalidArgument,
          `call: invalid action name ${JSON.stringify(action)}`,
        );
      }
      return execute(action, params, callOptions.idempotent ?? action.startsWith('Describe'));
    },
  };
}

function requireSessionId(action: string, sessionId: string): void {
  if (typeof sessionId !== 'string' || sessionId === '') {
    throw new CccError(
      CccClientErrorCode.InvalidArgument,
      `${action}: sessionId must be a non-empty string`,
      {
        action,
      },
    );
  }
}
