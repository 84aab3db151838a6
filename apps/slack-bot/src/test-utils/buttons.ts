// Test-only: find a button in a reply, shaped as Slack sends it back in a block_actions payload.

interface BlockLike {
  readonly type: string;
  readonly block_id?: string;
  readonly elements?: readonly Record<string, unknown>[];
  readonly accessory?: Record<string, unknown>;
}

/** The button `actionId` of a reply, with its block's `block_id`; throws when there is none. */
export function findButton(
  blocks: readonly unknown[] | undefined,
  actionId: string,
): Record<string, unknown> {
  for (const block of (blocks ?? []) as readonly BlockLike[]) {
    const candidates = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])];
    const button = candidates.find((e) => e.action_id === actionId);
    if (button) return { ...button, block_id: block.block_id, action_ts: '1700000000.000001' };
  }
  throw new Error(`no ${actionId} button in the reply`);
}

/** A block_actions payload clicking `button`. */
export const clickPayload = (button: Record<string, unknown>, ephemeral = true): Record<string, unknown> => ({
  actions: [button],
  container: { type: 'message', is_ephemeral: ephemeral },
});
