import type Database from 'better-sqlite3';
import { StoreError, StoreErrorCode } from './errors.ts';
import { CONTACT_SQL } from './follow-up-contacts-sql.ts';
import { FOLLOW_UP_SQL } from './follow-up-sql.ts';
import { postDeliveries } from './post-deliveries.ts';
import { toClaimedMessage } from './row-mapping.ts';
import { callerClock, leaseSql, pruneSql, SQL, toPositional } from './sql.ts';
import { toDepth, toStats } from './stats.ts';
import type {
  ClaimedMessage,
  ClaimOptions,
  IngestItem,
  IngestOutcome,
  PruneOptions,
  PruneResult,
  StoreDepth,
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
  /**
   * Runs an `INSERT … RETURNING id` without its `RETURNING` and gives the new row's id, or `undefined`
   * when nothing was inserted (`ON CONFLICT DO NOTHING`). SQLite builds a result set for `RETURNING`,
   * while the connection's last rowid is free: storing a call (two rows) takes ~7 µs less CPU (measured).
   */
  insert(sql: string, ...args: unknown[]): number | undefined;
}

/** The text of an `INSERT … RETURNING id` with the clause dropped (the SQL stays one text for both engines). */
function withoutReturningId(sql: string): string {
  const text = sql.replace(/\s+RETURNING id\s*$/, '');
  if (text === sql) {
    const problem = `insert() needs a statement ending in RETURNING id, got: ${sql.slice(0, 80)}`;
    throw new StoreError(StoreErrorCode.QueryFailed, problem);
  }
  return text;
}

/** Builds a {@link SqliteSql}. Statements are prepared lazily: the tables exist only after migrate. */
export function createSqliteSql(db: Database.Database): SqliteSql {
  const cache = new Map<string, { statement: Database.Statement; order: number[] }>();
  const inserts = new Map<string, string>();
  const prepared = (sql: string, args: unknown[]) => {
    let entry = cache.get(sql);
    if (!entry) {
      const { sql: text, order } = toPositional(sql);
      entry = { statement: db.prepare(text), order };
      cache.set(sql, entry);
    }
    return { statement: entry.statement, args: entry.order.map((index) => args[index]) };
  };
  const insertText = (sql: string): string => {
    const known = inserts.get(sql);
    if (known !== undefined) return known;
    const text = withoutReturningId(sql);
    inserts.set(sql, text);
    return text;
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
    insert: (sql, ...args) => {
      const { statement, args: bound } = prepared(insertText(sql), args);
      const { changes, lastInsertRowid } = statement.run(...bound);
      return changes === 0 ? undefined : Number(lastInsertRowid);
    },
  };
}

interface Post {
  readonly id: number;
  readonly channel: string;
}

/**
 * Stores one item inside the caller's transaction. Duplicate (same push id or dedupe key, including an
 * earlier item of the same batch) → nothing written. A cdr takes the recordings and voicemails that came
 * before it into its threads (dropping voicemail posts still waiting for it); a recording or voicemail
 * joins the threads of the cdr's posts that exist and updates them, and a voicemail whose call is not
 * known yet waits for it (`waitForCall`).
 */
export function ingestOneSqlite(sql: SqliteSql, item: IngestItem): IngestOutcome {
  const { kind, dedupeKey, sessionId, pushId, source, body, receivedAt: at } = item;
  const inboxId = sql.insert(SQL.insertInbox, kind, dedupeKey, sessionId, pushId, source, body, at);
  if (inboxId === undefined) return 'duplicate';
  const posts: Post[] = [];
  for (const { channel, mention } of postDeliveries(item)) {
    const id = sql.insert(SQL.insertPost, inboxId, channel, sessionId, mention ?? null, at);
    if (id !== undefined) posts.push({ id, channel });
  }
  if (kind === 'cdr' && posts.length > 0) {
    // Waiting posts belong to the session's voicemails: a call without recordings or voicemails (nearly
    // every call) has none to drop, and skipping the delete saves a statement per call stored.
    const attachments = sql.all(SQL.attachmentsOfSession, sessionId);
    if (attachments.length > 0) sql.run(SQL.dropAwaitingPosts, sessionId);
    for (const attachment of attachments)
      for (const post of posts)
        sql.run(SQL.insertReplyUnlessAlone, attachment.id, post.id, post.channel, sessionId, at);
  }
  if (kind === 'record' || kind === 'voicemail') attachSqlite(sql, item, inboxId);
  if (item.followUp) ingestFollowUpSqlite(sql, item);
  return 'stored';
}

/**
 * The follow-up part of storing a call, inside the ingest's transaction: a missed call opens its follow-up
 * (resolved at once by a callback stored before it); a call that reached a customer is kept as a contact,
 * resolves their open ones and queues an update of each of those posts.
 */
export function ingestFollowUpSqlite(sql: SqliteSql, item: IngestItem): void {
  const fact = item.followUp;
  if (!fact) return;
  const { sessionId, receivedAt } = item;
  if (fact.kind === 'missed') {
    sql.run(CONTACT_SQL.open, sessionId, fact.customer, fact.at, fact.until, receivedAt, fact.group);
    return;
  }
  sql.run(CONTACT_SQL.add, sessionId, fact.customer, fact.at, fact.detail, receivedAt);
  const reached = sql.all(FOLLOW_UP_SQL.reach, fact.customer, fact.at, sessionId, fact.detail, receivedAt);
  for (const row of reached) sql.run(FOLLOW_UP_SQL.enqueueUpdates, row.session_id, receivedAt, row.version);
}

const SHOWN_STATE_OF_CALL_POSTS = SQL.cdrPostsOfSession.replace(
  'SELECT o.id, o.channel',
  `SELECT o.id, o.channel, CASE WHEN ${SQL.shownCallPost} THEN 1 ELSE 0 END AS shown`,
);

/**
 * A recording or voicemail: a reply under each post of its call and an update of those Slack may already
 * show (the single writer means no claim can render a post between this check and the commit), or, for a
 * voicemail whose call is unknown, its posts waiting for the call.
 */
function attachSqlite(sql: SqliteSql, item: IngestItem, inboxId: number): void {
  const { sessionId, receivedAt: at } = item;
  const callPosts = sql.all(SHOWN_STATE_OF_CALL_POSTS, sessionId);
  for (const post of callPosts) {
    sql.run(SQL.insertReply, inboxId, post.id, post.channel, sessionId, at);
    if (post.shown) sql.run(SQL.insertUpdate, inboxId, post.id, post.channel, sessionId, at);
  }
  if (callPosts.length > 0 || item.kind !== 'voicemail' || !item.waitForCall) return;
  const { deliveries, until } = item.waitForCall;
  for (const { channel, mention } of deliveries)
    sql.run(SQL.insertAwaitingPost, inboxId, channel, sessionId, mention ?? null, until, at);
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

/** Undelivered rows and quarantine size; run it inside one read transaction. */
export function readDepthSqlite(sql: SqliteSql): StoreDepth {
  return toDepth(sql.get(SQL.countQuarantine), sql.all(SQL.countUndelivered));
}

/** Retention's statements on SQLite, whose contacts have no index by session (migration 12). */
export const SQLITE_PRUNE = {
  ...pruneSql((column) => `${column} IN (SELECT value FROM json_each($1))`),
  contacts: CONTACT_SQL.prune,
};

/** Retention inside the caller's IMMEDIATE transaction (see `Store.prune`). */
export function pruneSqlite(sql: SqliteSql, { before, limit }: PruneOptions): PruneResult {
  const sessions = sql.all(SQL.prunableSessions, before, limit).map((row) => String(row.session_id));
  if (sessions.length === 0) return { sessions: 0, inbox: 0, outbox: 0 };
  const list = JSON.stringify(sessions);
  const outbox = sql.run(SQLITE_PRUNE.outbox, list, before);
  const inbox = sql.run(SQLITE_PRUNE.inbox, list, before);
  sql.run(SQLITE_PRUNE.followUps, list, before);
  sql.run(SQLITE_PRUNE.contacts, list, before);
  return { sessions: sessions.length, inbox, outbox };
}
