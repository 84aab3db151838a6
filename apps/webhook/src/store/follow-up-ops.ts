import type pg from 'pg';
import { FOLLOW_UP_SQL } from './follow-up-sql.ts';
import {
  type FollowUpChange,
  type FollowUpResult,
  type ResolvedFollowUp,
  refusalOf,
} from './follow-up-types.ts';
import { inTransaction } from './postgres-ops.ts';
import { type RawRow, toFollowUpRow } from './row-mapping.ts';
import type { SqliteSql } from './sqlite-ops.ts';

/** The conditional write of a change and its arguments. */
function writeOf(change: FollowUpChange): { text: string; args: unknown[] } {
  const { sessionId, userId, at } = change;
  switch (change.action) {
    case 'take':
      return { text: FOLLOW_UP_SQL.take, args: [sessionId, userId, at] };
    case 'resolve':
      return { text: FOLLOW_UP_SQL.resolve, args: [sessionId, userId, at, change.outcome, change.note] };
    case 'reopen':
      return { text: FOLLOW_UP_SQL.reopen, args: [sessionId, at] };
    case 'callback':
      return { text: FOLLOW_UP_SQL.callback, args: [sessionId, userId, at, change.callbackSession] };
  }
}

/** The outcome once the write ran: applied (then the posts' updates are queued by `enqueue`) or refused. */
function settle(
  change: FollowUpChange,
  written: RawRow | undefined,
  current: () => RawRow | undefined,
): { result: FollowUpResult; version?: number } {
  if (!written) {
    const row = current();
    return { result: refusalOf(change, row ? toFollowUpRow(row) : null) };
  }
  const followUp = toFollowUpRow(written);
  return { result: { ok: true, followUp, changed: true, updates: 0 }, version: followUp.version };
}

/** `Store.followUp` inside the caller's IMMEDIATE transaction (SQLite: one writer, so no race at all). */
export function followUpSqlite(sql: SqliteSql, change: FollowUpChange): FollowUpResult {
  if (!sql.get(FOLLOW_UP_SQL.callPosted, change.sessionId)) return { ok: false, reason: 'no_call' };
  const { text, args } = writeOf(change);
  const { result, version } = settle(change, sql.get(text, ...args), () =>
    sql.get(FOLLOW_UP_SQL.get, change.sessionId),
  );
  if (version === undefined || !result.ok) return result;
  const updates = sql.run(FOLLOW_UP_SQL.enqueueUpdates, change.sessionId, change.at, version);
  return { ...result, updates };
}

/**
 * `Store.followUp` on PostgreSQL, in one transaction: the conditional upsert serialises concurrent changes
 * of a call on its row (the loser's write waits, then finds the winner's state and changes nothing).
 */
export function followUpPostgres(pool: pg.Pool, change: FollowUpChange): Promise<FollowUpResult> {
  return inTransaction(pool, async (client) => {
    const posted = await client.query(FOLLOW_UP_SQL.callPosted, [change.sessionId]);
    if (posted.rowCount === 0) return { ok: false, reason: 'no_call' } as const;
    const { text, args } = writeOf(change);
    const [written] = (await client.query<RawRow>(text, args)).rows;
    const current = written ? [] : (await client.query<RawRow>(FOLLOW_UP_SQL.get, [change.sessionId])).rows;
    const { result, version } = settle(change, written, () => current[0]);
    if (version === undefined || !result.ok) return result;
    const queued = await client.query(FOLLOW_UP_SQL.enqueueUpdates, [change.sessionId, change.at, version]);
    return { ...result, updates: queued.rowCount ?? 0 };
  });
}

/** The rows of `FOLLOW_UP_SQL.takeResolved` (Postgres BIGINTs arrive as text). */
export function resolvedOf(rows: readonly RawRow[]): ResolvedFollowUp[] {
  const ms = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return rows.map((row) => ({
    missedAt: ms(row.missed_at),
    resolvedAt: ms(row.resolved_at),
    by: row.resolved_by === null || row.resolved_by === undefined ? 'call' : 'person',
  }));
}

/** The rows of `FOLLOW_UP_SQL.countWaiting` as counts (Postgres counts arrive as text). */
export function waitingCounts(rows: readonly RawRow[]): { open: number; taken: number } {
  const count = (state: string) => Number(rows.find((row) => row.state === state)?.n ?? 0);
  return { open: count('open'), taken: count('taken') };
}
