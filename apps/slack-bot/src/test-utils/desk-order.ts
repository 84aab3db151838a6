// Test-only: a Desk whose describe_im_cdr_list pages come in another order than the emulator's.

/**
 * A `fetch` for the Desk client that reverses the rows of every describe_im_cdr_list page: Desk documents
 * no order, so the bot must sort by each session's `Timestamp` itself. Other commands pass through.
 */
export const reversedSessionPages: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (!url.includes('/describe_im_cdr_list')) return response;
  const body = (await response.json()) as { IMCdrList?: unknown[] };
  const reordered = { ...body, ...(body.IMCdrList ? { IMCdrList: [...body.IMCdrList].reverse() } : {}) };
  return new Response(JSON.stringify(reordered), {
    status: response.status,
    headers: { 'content-type': 'application/json' },
  });
};
