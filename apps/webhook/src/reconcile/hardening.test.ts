import { virtualClock } from '@ccc-kit/sandbox/clock';
import type { TelCdrInfo } from '@ccc-kit/schemas';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { factsOfCall } from '../facts.ts';
import { createMetrics } from '../http/metrics.ts';
import { StoreError, StoreErrorCode } from '../store/errors.ts';
import type { IngestItem, Leadership, QuarantineReason } from '../store/types.ts';
import { createReconciler, type ReconcilerOptions } from './reconcile.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 12);

/** A call row as DescribeTelCdr lists it, ended `minutesAgo` before T0, with its signed links. */
const call = (sessionId: string, minutesAgo = 30): TelCdrInfo =>
  ({
    SessionId: sessionId,
    Caller: '008613912345678',
    Callee: '008640000000',
    Direction: 0,
    EndStatusString: 'ok',
    StartTimestamp: (T0 - minutesAgo * 60_000) / 1000 - 60,
    EndedTimestamp: (T0 - minutesAgo * 60_000) / 1000,
    RecordId: 'rec-1',
    RecordURL: 'https://ccc.example-signed/rec-1?sign=secret',
    AsrUrl: 'https://ccc.example-signed/asr?sign=secret',
  }) as unknown as TelCdrInfo;

/** A reconciler on a virtual clock at T0 with the real router facts, collecting what it stores and keeps. */
function rig(rows: () => readonly TelCdrInfo[], overrides: Partial<ReconcilerOptions> = {}) {
  const clock = virtualClock(T0);
  const stored: IngestItem[] = [];
  const kept: { body: string; reason: QuarantineReason }[] = [];
  const windows: { from: number; to: number }[] = [];
  const reconciler = createReconciler({
    listCalls: async function* (start, end) {
      windows.push({ from: (start.getTime() - T0) / 60_000, to: (end.getTime() - T0) / 60_000 });
      yield { calls: rows(), total: rows().length };
    },
    submit: async (item) => {
      stored.push(item);
      return 'stored';
    },
    routeFor: (row) => (factsOfCall(row) ? [{ channel: 'C0CALLS' }] : []),
    quarantine: async (row) => {
      kept.push(row);
    },
    intervalMs: HOUR,
    windowMs: 2 * HOUR,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    scheduler: clock.scheduler,
    ...overrides,
  });
  return { clock, reconciler, stored, kept, windows };
}

describe('reconciliation that cannot jam', () => {
  test('a row that fails validation is quarantined with its reason; the others are stored; the next run moves on', async () => {
    const poisoned = { ...call('good-1'), SessionId: 'bad session id' } as TelCdrInfo;
    const r = rig(() => [call('good-1'), poisoned, call('good-2')]);
    r.reconciler.start();
    await r.clock.fake.tickAsync(HOUR);
    await r.reconciler.stop();
    expect(r.stored.map((item) => item.sessionId)).toEqual(['good-1', 'good-2', 'good-1', 'good-2']);
    expect(r.kept).toHaveLength(2);
    expect(r.kept[0]?.reason).toMatchObject({ code: 'invalid_reconciled_row' });
    expect(r.kept[0]?.reason.message).toMatch(/SessionId/);
    // The second run looks back the window only: the first one finished, the bad row did not stop it.
    expect(r.windows).toEqual([
      { from: -125, to: -5 },
      { from: -65, to: 55 },
    ]);
  });

  test('a row the database refuses on its own values is quarantined; a store outage still fails the run', async () => {
    let outage = false;
    const r = rig(() => [call('refused'), call('fine')], {
      submit: async (item) => {
        if (outage)
          throw new StoreError(StoreErrorCode.Unavailable, 'Store ingest failed: connection refused');
        if (item.sessionId === 'refused')
          throw new StoreError(StoreErrorCode.RefusedItem, 'the database refused Caller: value too long');
        return 'stored';
      },
    });
    const first = await r.reconciler.run(new Date(T0 - HOUR), new Date(T0));
    expect(first).toEqual({ seen: 2, found: 1, skipped: 0, quarantined: 1 });
    expect(r.kept.map((row) => row.reason.code)).toEqual(['webhook_store_refused_item']);
    outage = true;
    await expect(r.reconciler.run(new Date(T0 - HOUR), new Date(T0))).rejects.toThrow('connection refused');
  });

  test('signed links are removed before a reconciled row is stored or quarantined', async () => {
    const r = rig(() => [call('linked')]);
    await r.reconciler.run(new Date(T0 - HOUR), new Date(T0));
    const body = JSON.parse(r.stored[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ SessionId: 'linked', RecordId: 'rec-1' });
    expect(Object.keys(body)).not.toContain('RecordURL');
    expect(r.stored[0]?.body).not.toContain('sign=secret');
  });

  test('periodic runs stop settleMs before now, so a call that just ended is left to its push', async () => {
    const r = rig(() => [], { settleMs: 10 * 60_000 });
    r.reconciler.start();
    await r.clock.fake.tickAsync(0);
    await r.reconciler.stop();
    expect(r.windows).toEqual([{ from: -130, to: -10 }]);
  });
});

describe('one reconciling replica', () => {
  test('runs only while leading; a lost lead is asked for again, and given back on stop', async () => {
    const events: string[] = [];
    let free = false;
    let alive = true;
    const leadership: Leadership = {
      holds: async () => alive,
      release: async () => {
        events.push('released');
      },
    };
    const r = rig(() => [], {
      lead: async () => {
        events.push(free ? 'lead taken' : 'lead refused');
        return free ? leadership : null;
      },
    });
    r.reconciler.start();
    await r.clock.fake.tickAsync(0);
    expect(r.windows).toEqual([]);
    free = true;
    await r.clock.fake.tickAsync(HOUR);
    alive = false;
    await r.clock.fake.tickAsync(HOUR);
    alive = true;
    await r.reconciler.stop();
    expect(events).toEqual(['lead refused', 'lead taken', 'lead taken', 'released']);
    expect(r.windows).toHaveLength(2);
  });
});
