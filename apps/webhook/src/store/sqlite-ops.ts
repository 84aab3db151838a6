import type Database from 'better-sqlite3';
import { postDeliveries } from './post-deliveries.ts';
import { toClaimedMessage } from './row-mapping.ts';
import { callerClock, leaseSql, pruneSql, SQL, toPositional } from './sql.ts';
import { toStats } from './stats.ts';
import type {
  ClaimedMessage,
  ClaimOptions,
  IngestItem,
  IngestOutcome,
  PruneOptions,
  PruneResult,
  StoreStats,
} from './types.ts';

/** A database row as better-sqlite3 returns it. */
export type Row = Record<string, unknown>;

/** Runs `$n`-style SQL on one better-sqlite3 connection, with statements prepared once and cached. */
export interface SqliteSql {
  get(sql: string, ...args: unknown[]): Row | undefined;
  all(sql: string, ...args: unknown[]): Row[];
  /** Returns the number of changed rows. */
  run(sql: string, ...args: unknown[]): number;
}

/** Builds a {@link SqliteSql}. Statements are prepared lazily: the tables exist only after migrate. */
export function createSqliteSql(db: Database.Database): SqliteSql {
  const cache = new Map<string, { statement: Database.Statement; order: number[] }>();
  const prepared = (sql: string, args: unknown[]) => {
    let entry = cache.get(sql);
    if (!entry) {
      const { sql: text, order } = toPositional(sql);
      entry = { statement: db.prepare(text), order };
      cache.set(sql, entry);
    }
    return { statement: entry.statement, args: entry.order.map((index) => args[index]) };
  };
  return {
    get: (sql, ...args) => {
      const { statement, args: bound } = prepared(sql, args);
      return statement.get(...bound) as Row | undefined;
    },
    all: (sql, ...args) => {
      const { statement, args: bound } = prepared(sql, args);
      return statement.all(...bound) as Row[];
    },
    run: (sql, ...args) => {
      const { statement, args: bound } = prepared(sql, args);
      return statement.run(...bound).changes;
    },
  };
}

interface Post {
  readonly id: number;
  readonly channel: string;
}

/**
 * Stores one item inside the caller's transaction. Duplicate (same push id or dedupe key, including an
 * earlier item of the same batch) → nothing written. A cdr picks up the recordings that arrived before it;
 * a recording attaches to the cdr's posts that already exist.
 */
export function ingestOneSqlite(sql: SqliteSql, item: IngestItem): IngestOutcome {
  const { kind, dedupeKey, sessionId, pushId, source, body, receivedAt: at } = item;
  const inserted = sql.get(SQL.insertInbox, kind, dedupeKey, sessionId, pushId, source, body, at);
  if (!inserted) return 'duplicate';
  const inboxId = Number(inserted.id);
  const posts: Post[] = [];
  for (const { channel, mention } of postDeliveries(item)) {
    const row = sql.get(SQL.insertPost, inboxId, channel, sessionId, mention ?? null, at);
    if (row) posts.push({ id: Number(row.id), channel });
  }
  const reply = (recordId: number, post: Post): void => {
    sql.run(SQL.insertReply, recordId, post.id, post.channel, sessionId, at);
  };
  if (kind === 'cdr' && posts.length > 0) {
    for (const record of sql.all(SQL.recordsOfSession, sessionId)) {
      for (const post of posts) reply(Number(record.id), post);
    }
  }
  if (kind === 'record') {
    for (const post of sql.all(SQL.cdrPostsOfSession, sessionId)) {
      reply(inboxId, { id: Number(post.id), channel: String(post.channel) });
    }
  }
  return 'stored';
}

const LEASE = leaseSql(callerClock);

/** No cap: a caller that does not say how many rows a channel may hold gets them all. */
const NO_CAP = Number.MAX_SAFE_INTEGER;

/** Leases due rows inside the caller's IMMEDIATE transaction; the single writer makes this atomic. */
export function claimDueSqlite(sql: SqliteSql, options: ClaimOptions): ClaimedMessage[] {
  const { now, limit, owner, leaseMs, perChannel = NO_CAP } = options;
  return sql.all(SQL.selectDue, now, limit, owner, perChannel).map((row) => {
    const leased = sql.get(LEASE.lease, now, leaseMs, owner, row.id) ?? {};
    return toClaimedMessage({ ...row, ...leased, state: 'sending', lease_owner: owner });
  });
}

/** Row counts; run it inside one read transaction so the numbers are consistent. */
export function readStatsSqlite(sql: SqliteSql): StoreStats {
  return toStats(sql.get(SQL.countInbox), sql.get(SQL.countQuarantine), sql.all(SQL.countOutboxByState));
}

const PRUNE = pruneSql('SELECT value FROM json_each($1)');

/** Retention inside the caller's IMMEDIATE transaction (see `Store.prune`). */
export function pruneSqlite(sql: SqliteSql, { before, limit }: PruneOptions): PruneResult {
  const sessions = sql.all(SQL.prunableSessions, before, limit).map((row) => String(row.session_id));
  if (sessions.length === 0) return { sessions: 0, inbox: 0, outbox: 0 };
  const list = JSON.stringify(sessions);
  const outbox = sql.run(PRUNE.outbox, list, before);
  return { sessions: sessions.length, inbox: sql.run(PRUNE.inbox, list, before), outbox };
}
