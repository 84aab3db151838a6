import type { DescribeTelCdrRequest, DescribeTelCdrResponse } from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { DescribeTelCdrArgs } from './types.ts';
import { checkWindow } from './windows.ts';

const ACTION = 'DescribeTelCdr';

/** A DescribeTelCdr body whose paging fields are set. */
export type TelCdrParams = DescribeTelCdrRequest & { readonly PageSize: number; readonly PageNumber: number };
/** Largest documented `PageSize`. */
export const MAX_TEL_CDR_PAGE_SIZE = 100;

/** Builds and checks a DescribeTelCdr body (window, page size 1–100, page number from 0) before any request. */
export function telCdrPageParams(sdkAppId: number, args: DescribeTelCdrArgs, nowMs: number): TelCdrParams {
  const { start, end } = checkWindow(args.startTimestamp, args.endTimestamp, nowMs, ACTION);
  const { pageSize = MAX_TEL_CDR_PAGE_SIZE, pageNumber = 0 } = args;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_TEL_CDR_PAGE_SIZE) {
    throw argument(`pageSize must be an integer from 1 to ${MAX_TEL_CDR_PAGE_SIZE} (got ${pageSize})`);
  }
  if (!Number.isSafeInteger(pageNumber) || pageNumber < 0) {
    throw argument(`pageNumber must be an integer from 0 (got ${pageNumber})`);
  }
  return {
    SdkAppId: sdkAppId,
    StartTimeStamp: start,
    EndTimeStamp: end,
    PageSize: pageSize,
    PageNumber: pageNumber,
    ...(args.phones?.length ? { Phones: [...args.phones] } : {}),
    ...(args.sessionIds?.length ? { SessionIds: [...args.sessionIds] } : {}),
  };
}

/**
 * Fetches DescribeTelCdr pages lazily from page 0 until a short or empty page, or until `TotalCount` records
 * were seen. `firstPage` runs on the first `next()` (so window errors surface there, before any request);
 * its window is then kept as Unix seconds for every page, so a long iteration cannot fail half-way because
 * "now" moved past the 180-day limit.
 */
export async function* iterateTelCdrPages(
  firstPage: () => TelCdrParams,
  fetchPage: (params: TelCdrParams) => Promise<DescribeTelCdrResponse>,
): AsyncGenerator<DescribeTelCdrResponse, void, undefined> {
  const params = firstPage();
  for (let pageNumber = params.PageNumber; ; pageNumber++) {
    const page = await fetchPage({ ...params, PageNumber: pageNumber });
    yield page;
    const seen = pageNumber * params.PageSize + page.TelCdrList.length;
    if (page.TelCdrList.length < params.PageSize || seen >= page.TotalCount) return;
  }
}

const argument = (message: string): CccError =>
  new CccError(CccClientErrorCode.InvalidArgument, `${ACTION}: ${message}`, { action: ACTION });
