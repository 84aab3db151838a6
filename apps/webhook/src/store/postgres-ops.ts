import type pg from 'pg';
import { postDeliveries } from './post-deliveries.ts';
import { answeredByServer, checkOut } from './postgres-client.ts';
import { ADVISORY_LOCK_CLASS } from './postgres-migrations.ts';
import { toClaimedMessage } from './row-mapping.ts';
import { callerClock, databaseClock, type LeaseClock, pruneSql, SQL } from './sql.ts';
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

type Row = Record<string, unknown>;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Runs `fn` in one transaction on one pooled client. After a server error it rolls back and returns the
 * client; after any other failure (a client-side timeout on a link that went dark, a dead socket) it
 * destroys the client without a ROLLBACK, which would only wait out the query timeout again (the server
 * ends its side: `idle_in_transaction_session_timeout`). A client whose ROLLBACK failed is destroyed too.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const { client, release } = await checkOut(pool);
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!answeredByServer(error)) broken = asError(error);
    else
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = asError(rollbackError);
      });
    throw error;
  } finally {
    release(broken);
  }
}

/**
 * Stores a batch in the caller's transaction. First it takes one advisory lock per session that has a cdr,
 * a recording or a voicemail in the batch (sorted, so two replicas cannot deadlock on them): without it a
 * cdr and its recording committed at the same moment by two replicas would each miss the other and never
 * be threaded.
 */
export async function ingestPostgres(
  client: pg.PoolClient,
  items: readonly IngestItem[],
): Promise<IngestOutcome[]> {
  const sessions = [...new Set(items.filter((i) => i.kind !== 'imcdr').map((i) => i.sessionId))];
  if (sessions.length > 0) {
    await client.query(
      `SELECT pg_advisory_xact_lock($1, k) FROM
        (SELECT DISTINCT hashtext('session:' || s) AS k FROM unnest($2::text[]) AS s ORDER BY k) AS keys`,
      [ADVISORY_LOCK_CLASS, sessions],
    );
  }
  const outcomes: IngestOutcome[] = [];
  for (const item of items) outcomes.push(await ingestOnePostgres(client, item));
  return outcomes;
}

const INSERT_OUTBOX = `INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at,
    created_at)`;

const REPLY_OR_UPDATE = (kind: 'reply' | 'update'): string => `
    ${INSERT_OUTBOX}
    SELECT ins.id, c.id, c.channel, '${kind}', $3, NULL, $7, $7
    FROM ins CROSS JOIN call_posts c
    WHERE $1 IN ('record', 'voicemail') ${kind === 'update' ? 'AND c.shown' : ''}
    ORDER BY c.id
    ON CONFLICT DO NOTHING`;

// The call's posts, locked: a claim rendering one of them (with the thread counts of its snapshot) either
// commits first, and the lock then reads it as shown (an update follows), or skips it until this commits
// (it renders with this item counted).
const CALL_POSTS = SQL.cdrPostsOfSession
  .replace('$1', '$3')
  .replace('SELECT o.id, o.channel', `SELECT o.id, o.channel, ${SQL.shownCallPost} AS shown`)
  .replace('ORDER BY o.id', "AND $1 IN ('record', 'voicemail') ORDER BY o.id FOR UPDATE OF o");

/**
 * One round trip per item: the statements of `ingestOneSqlite` as one data-modifying CTE. Every part
 * sees the transaction's earlier items (same snapshot rules as separate statements), but not what another
 * part of this statement writes except through RETURNING: hence `dropped` is subtracted by hand.
 */
const INGEST_ONE = `WITH ins AS (${SQL.insertInbox}),
  posts AS (
    ${INSERT_OUTBOX}
    SELECT ins.id, NULL, d.channel, 'post', $3, d.mention, $7, $7
    FROM ins, unnest($8::text[], $9::text[]) WITH ORDINALITY AS d(channel, mention, n)
    ORDER BY d.n
    ON CONFLICT DO NOTHING RETURNING id, channel),
  -- A cdr drops its voicemails' posts still waiting for it, and takes its recordings and voicemails into
  -- each of its posts' threads (not where the voicemail was already posted alone).
  dropped AS (
    ${SQL.dropAwaitingPosts.replace('$1', '$3')} AND $1 = 'cdr' AND EXISTS (SELECT 1 FROM posts)
    RETURNING id),
  cdr_replies AS (
    ${INSERT_OUTBOX}
    SELECT r.id, p.id, p.channel, 'reply', $3, NULL, $7, $7
    FROM posts p CROSS JOIN (${SQL.attachmentsOfSession.replace('$1', '$3')}) r
    WHERE $1 = 'cdr' AND NOT EXISTS (SELECT 1 FROM outbox a WHERE a.inbox_id = r.id AND a.channel = p.channel
      AND a.awaits_call = 1 AND a.id NOT IN (SELECT id FROM dropped))
    ORDER BY r.id, p.id
    ON CONFLICT DO NOTHING),
  -- A recording or voicemail joins the threads of the cdr's posts that exist, and updates those shown.
  call_posts AS (${CALL_POSTS}),
  attach_replies AS (${REPLY_OR_UPDATE('reply')}),
  attach_updates AS (${REPLY_OR_UPDATE('update')}),
  -- A voicemail whose call is not known waits for it (posted alone at $11 unless the call comes first).
  waits AS (
    INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at,
      awaits_call)
    SELECT ins.id, NULL, w.channel, 'post', $3, w.mention, CAST($11 AS BIGINT), $7, 1
    FROM ins, unnest($10::text[], $12::text[]) WITH ORDINALITY AS w(channel, mention, n)
    WHERE $1 = 'voicemail' AND NOT EXISTS (${SQL.cdrPostsOfSession.replace('$1', '$3')})
    ORDER BY w.n
    ON CONFLICT DO NOTHING)
  SELECT id FROM ins`;

async function ingestOnePostgres(client: pg.PoolClient, item: IngestItem): Promise<IngestOutcome> {
  const { kind, dedupeKey, sessionId, pushId, source, body, receivedAt: at } = item;
  const deliveries = postDeliveries(item);
  const waits = kind === 'voicemail' ? (item.waitForCall?.deliveries ?? []) : [];
  const { rows } = await client.query<Row>(INGEST_ONE, [
    kind,
    dedupeKey,
    sessionId,
    pushId,
    source,
    body,
    at,
    deliveries.map((d) => d.channel),
    deliveries.map((d) => d.mention ?? null),
    waits.map((d) => d.channel),
    item.waitForCall?.until ?? at,
    waits.map((d) => d.mention ?? null),
  ]);
  return rows.length === 0 ? 'duplicate' : 'stored';
}

// One statement (over `candidates`, default SQL.selectDue): SKIP LOCKED makes concurrent claimers (replicas) take disjoint rows, and READ COMMITTED
// re-checks `state = 'pending'` on rows changed since the snapshot, so a row is never claimed twice.
export const claimSql = (
  clock: LeaseClock,
  candidates: string = SQL.selectDue,
): string => `WITH claimable AS (${candidates} FOR UPDATE OF o SKIP LOCKED)
  UPDATE outbox AS t SET state = 'sending', lease_owner = $3, lease_until = ${clock('$5')} + $6,
    fence = t.fence + 1
  FROM claimable c WHERE t.id = c.id
  RETURNING t.*, c.inbox_kind, c.body, c.parent_state, c.parent_ts, c.parent_body, c.parent_mention,
    c.recordings, c.voicemails`;

const CLAIM_ON_DATABASE_CLOCK = claimSql(databaseClock);
const CLAIM_ON_CALLER_CLOCK = claimSql(callerClock);

/** Leases due rows (see {@link SQL.selectDue}), returned in id order; lease times on `clock`. */
export async function claimDuePostgres(
  pool: pg.Pool,
  options: ClaimOptions,
  clock: { sql: LeaseClock; now: (now: number) => number | null },
): Promise<ClaimedMessage[]> {
  const { now, limit, owner, leaseMs, perChannel = Number.MAX_SAFE_INTEGER } = options;
  const text = clock.sql === databaseClock ? CLAIM_ON_DATABASE_CLOCK : CLAIM_ON_CALLER_CLOCK;
  const { rows } = await pool.query<Row>(text, [now, limit, owner, perChannel, clock.now(now), leaseMs]);
  return rows.map(toClaimedMessage).sort((a, b) => a.id - b.id);
}

/** Row counts from one snapshot. */
export function readStatsPostgres(pool: pg.Pool): Promise<StoreStats> {
  return inTransaction(
    pool,
    async (client) => {
      const inbox = await client.query<Row>(SQL.countInbox);
      const quarantine = await client.query<Row>(SQL.countQuarantine);
      const byState = await client.query<Row>(SQL.countOutboxByState);
      return toStats(inbox.rows[0], quarantine.rows[0], byState.rows);
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

const PRUNE = pruneSql('SELECT unnest($1::text[])');

/** Retention in one transaction (see `Store.prune`). */
export async function prunePostgres(pool: pg.Pool, { before, limit }: PruneOptions): Promise<PruneResult> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<Row>(SQL.prunableSessions, [before, limit]);
    const sessions = rows.map((row) => String(row.session_id));
    if (sessions.length === 0) return { sessions: 0, inbox: 0, outbox: 0 };
    const outbox = await client.query(PRUNE.outbox, [sessions, before]);
    const inbox = await client.query(PRUNE.inbox, [sessions, before]);
    return { sessions: sessions.length, inbox: inbox.rowCount ?? 0, outbox: outbox.rowCount ?? 0 };
  });
}
