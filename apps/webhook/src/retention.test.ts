import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { virtualClock } from '@ccc-kit/sandbox/clock';
import { pino } from 'pino';
import { expect, test } from 'vitest';
import { createMetrics } from './http/metrics.ts';
import { createRetention } from './retention.ts';
import { openStore } from './store/index.ts';

const HOUR = 3_600_000;

test('passes run every intervalMs from one interval after start, and delete a session once older than keepMs', async () => {
  const t0 = Date.UTC(2026, 0, 10);
  const clock = virtualClock(t0);
  const dir = mkdtempSync(join(tmpdir(), 'ccc-retention-'));
  const store = await openStore(`sqlite:${join(dir, 'webhook.db')}`);
  await store.ingest([
    {
      kind: 'cdr',
      dedupeKey: 'cdr:s-1',
      sessionId: 's-1',
      pushId: null,
      source: 'push',
      body: '{"SessionId":"s-1"}',
      receivedAt: t0,
      deliveries: [{ channel: 'C0CALLS' }],
    },
  ]);
  const [claimed] = await store.claimDue({ now: t0, limit: 1, leaseMs: 60_000, owner: 'test' });
  await store.markSent(claimed?.id ?? 0, 'test', '1700000000.000001');
  const passes: number[] = [];
  const metrics = createMetrics();
  const retention = createRetention({
    store: {
      prune: (options) => {
        passes.push((clock.fake.now - t0) / HOUR);
        return store.prune(options);
      },
    },
    keepMs: 24 * HOUR,
    intervalMs: HOUR,
    logger: pino({ level: 'silent' }),
    metrics,
    scheduler: clock.scheduler,
  });
  retention.start();
  await clock.fake.tickAsync(24 * HOUR);
  expect(passes).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  expect((await store.stats()).inbox).toBe(1); // received exactly keepMs ago: not older yet
  await clock.fake.tickAsync(HOUR);
  expect(passes).toHaveLength(25);
  expect((await store.stats()).inbox).toBe(0);
  expect(await metrics.prunedSessions.get()).toMatchObject({ values: [{ value: 1 }] });
  await retention.stop();
  expect(clock.fake.countTimers()).toBe(0);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
