import { describe, expect, test } from 'vitest';
import { waitForDrain } from './drain.ts';
import { isDemoError } from './errors.ts';

describe('waitForDrain', () => {
  test('returns the stats once nothing is pending or sending', async () => {
    const seen = [
      { outbox: { pending: 3, sending: 1, sent: 0, dead: 0 } },
      { outbox: { pending: 0, sending: 2, sent: 2, dead: 0 } },
      { outbox: { pending: 0, sending: 0, sent: 4, dead: 0 } },
    ];
    let calls = 0;
    const stats = await waitForDrain(async () => seen[Math.min(calls++, 2)] as (typeof seen)[number], {
      timeoutMs: 5_000,
      intervalMs: 1,
    });
    expect(stats.outbox.sent).toBe(4);
    expect(calls).toBe(3);
  });

  test('fails loudly with the counts when the outbox does not drain in time', async () => {
    let clock = 0;
    const error = await waitForDrain(async () => ({ outbox: { pending: 2, sending: 0 } }), {
      timeoutMs: 30_000,
      intervalMs: 1,
      now: () => (clock += 10_000),
    }).catch((e: unknown) => e);
    expect(isDemoError(error) && error.code).toBe('demo_drain_timeout');
    expect((error as Error).message).toContain('"pending":2');
  });
});
