import {
  type DescribeIMCdrListRequest,
  type DescribeIMCdrListResponse,
  safeParseDescribeIMCdrListResponseTolerant,
} from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { Execute } from './executor.ts';
import type { CccClient, CccLogger, DescribeIMCdrListArgs } from './types.ts';
import { validateTolerantResponse } from './validate.ts';
import { toUnixSeconds } from './windows.ts';

const ACTION = 'DescribeIMCdrList';

/** A DescribeIMCdrList body whose paging fields are set. */
export type IMCdrListParams = DescribeIMCdrListRequest & { readonly Limit: number; readonly Offset: number };
/** Largest documented `Limit` of DescribeIMCdrList. */
export const MAX_IM_CDR_PAGE_SIZE = 100;

/**
 * Builds and checks a DescribeIMCdrList body (window, limit 1–100, offset from 0, type 1 or 2) before any
 * request. Tencent documents no age or span limit for this action (unlike DescribeTelCdr), so the window is
 * only checked for valid timestamps in order; the default `limit` is the largest page, not Tencent's 20,
 * so a listing costs as few requests as it can.
 */
export function imCdrPageParams(sdkAppId: number, args: DescribeIMCdrListArgs): IMCdrListParams {
  const start = toUnixSeconds(args.startTimestamp, 'startTimestamp', ACTION);
  const end = toUnixSeconds(args.endTimestamp, 'endTimestamp', ACTION);
  if (start > end) {
    const iso = (s: number) => new Date(s * 1000).toISOString();
    throw new CccError(
      CccClientErrorCode.InvalidWindow,
      `${ACTION}: startTimestamp ${iso(start)} is after endTimestamp ${iso(end)}`,
      { action: ACTION },
    );
  }
  const { limit = MAX_IM_CDR_PAGE_SIZE, offset = 0, type } = args;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_IM_CDR_PAGE_SIZE)
    throw argument(`limit must be an integer from 1 to ${MAX_IM_CDR_PAGE_SIZE} (got ${limit})`);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw argument(`offset must be an integer from 0 (got ${offset})`);
  if (type !== undefined && type !== 1 && type !== 2)
    throw argument(`type must be 1 (omni-channel) or 2 (text customer service) (got ${type})`);
  return {
    SdkAppId: sdkAppId,
    StartTimestamp: start,
    EndTimestamp: end,
    Limit: limit,
    Offset: offset,
    ...(type ? { Type: type } : {}),
  };
}

/**
 * Fetches DescribeIMCdrList pages lazily from `Offset` on, a `Limit` further each time, until a short or
 * empty page, or until `TotalCount` records were seen. `firstPage` runs on the first `next()` (so argument
 * errors surface there, before any request); the window is then kept as Unix seconds for every page.
 */
export async function* iterateIMCdrPages(
  firstPage: () => IMCdrListParams,
  fetchPage: (params: IMCdrListParams) => Promise<DescribeIMCdrListResponse>,
): AsyncGenerator<DescribeIMCdrListResponse, void, undefined> {
  const params = firstPage();
  for (let offset = params.Offset; ; offset += params.Limit) {
    const page = await fetchPage({ ...params, Offset: offset });
    yield page;
    const seen = offset + page.IMCdrList.length;
    if (page.IMCdrList.length < params.Limit || seen >= page.TotalCount) return;
  }
}

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });

/**
 * The client's DescribeIMCdrList methods: one page, every page, every record. Read tolerantly like
 * DescribeTelCdr: one odd chat record drops its odd field (one warning to `logger`), never the page.
 */
export function imCdrMethods(
  execute: Execute,
  sdkAppId: number,
  logger: CccLogger | undefined,
): Pick<CccClient, 'describeIMCdrList' | 'iterateIMCdrPages' | 'iterateIMCdrs'> {
  const fetchPage = async (params: IMCdrListParams) => {
    const response = await execute(ACTION, params, true);
    return validateTolerantResponse(ACTION, response, safeParseDescribeIMCdrListResponseTolerant, logger);
  };
  const pages: CccClient['iterateIMCdrPages'] = (args) =>
    iterateIMCdrPages(() => imCdrPageParams(sdkAppId, { ...args, offset: 0 }), fetchPage);
  return {
    describeIMCdrList: async (args) => fetchPage(imCdrPageParams(sdkAppId, args)),
    iterateIMCdrPages: pages,
    async *iterateIMCdrs(args) {
      for await (const page of pages(args)) yield* page.IMCdrList;
    },
  };
}
