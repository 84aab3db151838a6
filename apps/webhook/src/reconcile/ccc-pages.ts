import type { CccClient } from '@ccc-kit/ccc-client';
import type { ListCalls, ListChats } from './types.ts';

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

/**
 * Reconciliation's `listChats` over a CCC client: DescribeIMCdrList pages (100 records each, every chat
 * type) with the window's `TotalCount`. It is the CCC API, signed with the same key pair and paced by the
 * same client as DescribeTelCdr (its own per-action budget), so chats need no Desk credentials.
 *
 * @example
 * const client = createCccClient({ secretId, secretKey, sdkAppId });
 * const reconcile = { listCalls: cccCallPages(client), listChats: cccChatPages(client) };
 */
export function cccChatPages(client: Pick<CccClient, 'iterateIMCdrPages'>): ListChats {
  return async function* (start, end) {
    for await (const page of client.iterateIMCdrPages({ startTimestamp: start, endTimestamp: end }))
      yield { chats: page.IMCdrList, total: page.TotalCount };
  };
}
