import type pg from 'pg';
import { postDeliveries } from './post-deliveries.ts';
import { followUpCtes } from './postgres-follow-up-ingest.ts';
import { SQL } from './sql.ts';
import type { IngestItem, IngestOutcome } from './types.ts';

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
    ON CONFLICT DO NOTHING),
  -- A call's follow-up (see followUpCtes): $13 missed or answered (or null), $14 customer, $15 at,
  -- $16 until, $17 detail, $18 skill group.
  follow AS (
    SELECT $2 AS dedupe_key, CAST($13 AS TEXT) AS kind, CAST($14 AS TEXT) AS customer, CAST($15 AS BIGINT) AS at,
      CAST($16 AS BIGINT) AS until, CAST($17 AS TEXT) AS detail, CAST($18 AS TEXT) AS grp, 1 AS n
    WHERE $13 IS NOT NULL),
  stored AS (SELECT id, $2 AS dedupe_key, $3 AS session_id, $7 AS received_at FROM ins),${followUpCtes('stored')}
  SELECT id FROM ins`;

/** The follow-up parameters of a stored item: kind, customer, at, until, detail, group (nulls without one). */
export function followUpValues(item: IngestItem): unknown[] {
  const fact = item.followUp;
  if (!fact) return [null, null, null, null, null, null];
  return fact.kind === 'missed'
    ? ['missed', fact.customer, fact.at, fact.until, null, fact.group]
    : ['answered', fact.customer, fact.at, null, fact.detail, null];
}

/**
 * Stores one item of any kind in the caller's transaction, in one round trip (a prepared statement): the
 * path of recordings and voicemails, and of items that share a session or a key with another of their
 * batch (see `postgres-ingest.ts`).
 */
export async function ingestOnePostgres(client: pg.PoolClient, item: IngestItem): Promise<IngestOutcome> {
  const { kind, dedupeKey, sessionId, pushId, source, body, receivedAt: at } = item;
  const deliveries = postDeliveries(item);
  const waits = kind === 'voicemail' ? (item.waitForCall?.deliveries ?? []) : [];
  const { rows } = await client.query({
    name: 'ccc-webhook-ingest-one-v11',
    text: INGEST_ONE,
    values: [
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
      ...followUpValues(item),
    ],
  });
  return rows.length === 0 ? 'duplicate' : 'stored';
}
