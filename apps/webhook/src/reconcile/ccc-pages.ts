import type { CccClient } from '@ccc-kit/ccc-client';
import type { ListCalls } from './types.ts';

/**
 * Reconciliation's `listCalls` over a CCC client: DescribeTelCdr pages (100 calls each) with the window's
 * `TotalCount`, so a run can tell how far it got.
 *
 * @example
 * const listCalls = cccCallPages(createCccClient({ secretId, secretKey, sdkAppId }));
 */
export function cccCallPages(client: Pick<CccClient, 'iterateTelCdrPages'>): ListCalls {
  return async function* (start, end) {
    for await (const page of client.iterateTelCdrPages({ startTimestamp: start, endTimestamp: end }))
      yield { calls: page.TelCdrList, total: page.TotalCount };
  };
}
