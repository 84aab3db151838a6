import { virtualClock } from '@ccc-kit/sandbox/clock';
import type { IMCdrInfo, TelCdrInfo } from '@ccc-kit/schemas';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { createMetrics } from '../http/metrics.ts';
import type { IngestItem } from '../store/types.ts';
import { createReconciler, type ReconcilerOptions } from './reconcile.ts';
import type { QuarantinedRow } from './types.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 12);

const call = (sessionId: string) =>
  ({ SessionId: sessionId, StartTimestamp: T0 / 1000 - 3600 }) as TelCdrInfo;
const chat = (sessionId: string): IMCdrInfo => ({
  SessionId: sessionId,
  Timestamp: T0 / 1000 - 3600,
  EndStatus: 1,
});

/** Runs of one kind: the windows asked for (hours from T0) and whether the listing failed. */
type Plan = { fails: (run: number) => boolean; windows: { from: number; to: number }[] };
const plan = (fails: (run: number) => boolean = () => false): Plan => ({ fails, windows: [] });

/** A reconciler of calls and chats on a virtual clock, collecting what it stores, keeps and logs. */
function rig(calls: Plan, chats: Plan, overrides: Partial<ReconcilerOptions> = {}) {
  const clock = virtualClock(T0);
  const stored: IngestItem[] = [];
  const kept: QuarantinedRow[] = [];
  const logs: { level: number; msg: string; kind?: string }[] = [];
  const metrics = createMetrics();
  const lister = <Row>(p: Plan, rows: Row[]) =>
    async function* (start: Date, end: Date) {
      p.windows.push({ from: (start.getTime() - T0) / HOUR, to: (end.getTime() - T0) / HOUR });
      if (p.fails(p.windows.length)) throw new Error('InternalError');
      yield { rows, total: rows.length };
    };
  const listCalls = lister(calls, [call('call-1')]);
  const listChats = lister(chats, [chat('chat-1'), chat('bad chat')]);
  const reconciler = createReconciler({
    listCalls: async function* (start, end) {
      for await (const { rows, total } of listCalls(start, end)) yield { calls: rows, total };
    },
    listChats: async function* (start, end) {
      for await (const { rows, total } of listChats(start, end)) yield { chats: rows, total };
    },
    submit: async (item) => {
      stored.push(item);
      return 'stored';
    },
    routeFor: () => [{ channel: 'C0CALLS' }],
    routeForChat: () => [{ channel: 'C0CHATS' }],
    quarantine: async (row) => {
      kept.push(row);
    },
    intervalMs: HOUR,
    windowMs: 2 * HOUR,
    settleMs: 0,
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
    metrics,
    scheduler: clock.scheduler,
    ...overrides,
  });
  return { clock, reconciler, stored, kept, logs, metrics };
}

describe('calls and chats fail apart', () => {
  test('a chat listing that fails does not stop calls; each kind resumes from its own covered point', async () => {
    const calls = plan();
    const chats = plan((run) => run === 2 || run === 3);
    const r = rig(calls, chats);
    r.reconciler.start();
    await r.clock.fake.tickAsync(3 * HOUR);
    await r.reconciler.stop();
    // Calls look back the window every hour; chats, after failing at hours 1 and 2, reach back to hour 0,
    // where their last finished run ended (at hour 3 that is further back than the window).
    expect(calls.windows).toEqual([0, 1, 2, 3].map((at) => ({ from: at - 2, to: at })));
    expect(chats.windows).toEqual([
      { from: -2, to: 0 },
      { from: -1, to: 1 },
      { from: 0, to: 2 },
      { from: 0, to: 3 },
    ]);
    const failures = r.logs.filter((line) => line.level === 50);
    expect(failures.map((line) => [line.msg, line.kind])).toEqual([
      ['reconciliation run failed for chats; next run will retry', 'chats'],
      ['reconciliation run failed for chats; next run will retry', 'chats'],
    ]);
    const finished = r.logs.filter((line) => line.msg === 'reconciliation run finished');
    expect(finished).toHaveLength(4);
    expect(finished[1]).toMatchObject({ seen: 1, failed: ['chats'] });
    expect(finished[3]).toMatchObject({ seen: 1, chats: { seen: 2, found: 1, quarantined: 1 } });
  });

  test('a call listing that fails does not stop chats', async () => {
    const r = rig(
      plan(() => true),
      plan(),
    );
    const report = r.reconciler.run(new Date(T0 - HOUR), new Date(T0));
    await expect(report).rejects.toThrow('InternalError');
    expect(r.stored.map((item) => [item.kind, item.dedupeKey])).toEqual([['imcdr', 'imcdr:chat-1']]);
    expect(r.kept).toMatchObject([{ kind: 'imcdr', reason: { code: 'invalid_reconciled_row' } }]);
  });

  test('a range run reports chats apart; both failing is one error naming both', async () => {
    const ok = rig(plan(), plan());
    expect(await ok.reconciler.run(new Date(T0 - HOUR), new Date(T0))).toEqual({
      seen: 1,
      found: 1,
      skipped: 0,
      quarantined: 0,
      chats: { seen: 2, found: 1, skipped: 0, quarantined: 1 },
    });
    expect((await ok.metrics.reconcileFound.get()).values).toEqual([
      { value: 1, labels: { kind: 'cdr' } },
      { value: 1, labels: { kind: 'imcdr' } },
    ]);
    const down = rig(
      plan(() => true),
      plan(() => true),
    );
    await expect(down.reconciler.run(new Date(T0 - HOUR), new Date(T0))).rejects.toThrow(
      'reconciliation failed: InternalError; InternalError',
    );
  });

  test('listChats without routeForChat is refused: those chats could never be posted', () => {
    expect(() => rig(plan(), plan(), { routeForChat: undefined })).toThrow(
      expect.objectContaining({ code: 'webhook_invalid_config' }),
    );
  });
});
