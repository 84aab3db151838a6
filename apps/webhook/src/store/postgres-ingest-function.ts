/**
 * Migration 5 of the PostgreSQL store: `ccc_ingest_calls`, which stores a run of independent calls and chats
 * (see `planRuns` in `postgres-ingest.ts`) in ONE round trip. Called on its own, it is one statement and so
 * one transaction: the group commit's batch costs a single round trip and WAL flush, as the minimal receiver's
 * does, instead of BEGIN, locks, insert, COMMIT.
 *
 * It first takes the batch's session locks (the advisory locks `ingestPostgres` takes, same keys, sorted),
 * then stores in a second statement: in READ COMMITTED each statement of a volatile function reads a fresh
 * snapshot, so the insert sees whatever a replica committed while this waited for a lock (a recording of
 * one of these calls), exactly as the separate statements of a transaction would.
 *
 * What it writes, per item in order: the inbox row (a known dedupe key or push id is skipped), one post per
 * delivery (in item then delivery order), and for each call that got posts, the work `ingestOnePostgres`
 * does for a cdr: its voicemails' waiting posts are dropped and its stored recordings and voicemails become
 * replies under each of its posts (not where a voicemail was already posted alone). Returns the dedupe keys
 * stored. Frozen as migration 5: a change is a new migration that replaces the function.
 */
export const INGEST_CALLS_FUNCTION = `
CREATE OR REPLACE FUNCTION ccc_ingest_calls(
  p_kinds TEXT[], p_keys TEXT[], p_sessions TEXT[], p_push_ids TEXT[], p_sources TEXT[], p_bodies TEXT[],
  p_received BIGINT[], p_delivery_items INTEGER[], p_channels TEXT[], p_mentions TEXT[], p_lock_class INTEGER)
RETURNS TABLE (stored_key TEXT) LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock_class, k) FROM (
    SELECT DISTINCT hashtext('session:' || s.session) AS k
    FROM unnest(p_kinds, p_sessions) AS s(kind, session) WHERE s.kind <> 'imcdr' ORDER BY k) AS keys;
  RETURN QUERY WITH items AS (
    SELECT * FROM unnest(p_kinds, p_keys, p_sessions, p_push_ids, p_sources, p_bodies, p_received)
      WITH ORDINALITY AS t(kind, dedupe_key, session_id, push_id, source, body, received_at, n)),
  ins AS (
    INSERT INTO inbox (kind, dedupe_key, session_id, push_id, source, body, received_at)
    SELECT i.kind, i.dedupe_key, i.session_id, i.push_id, i.source, i.body, i.received_at FROM items i ORDER BY i.n
    ON CONFLICT DO NOTHING RETURNING inbox.id, inbox.kind, inbox.dedupe_key, inbox.session_id, inbox.received_at),
  posts AS (
    INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at)
    SELECT ins.id, NULL, d.channel, 'post', ins.session_id, d.mention, ins.received_at, ins.received_at
    FROM unnest(p_delivery_items, p_channels, p_mentions) WITH ORDINALITY AS d(item, channel, mention, m)
    JOIN items i ON i.n = d.item JOIN ins ON ins.dedupe_key = i.dedupe_key
    ORDER BY d.m
    ON CONFLICT DO NOTHING RETURNING outbox.id, outbox.channel, outbox.session_id, outbox.inbox_id),
  call_posts AS (
    SELECT p.id, p.channel, p.session_id, ins.id AS call_id, ins.received_at
    FROM posts p JOIN ins ON ins.id = p.inbox_id WHERE ins.kind = 'cdr'),
  dropped AS (
    DELETE FROM outbox w WHERE w.awaits_call = 1 AND w.state = 'pending' AND w.attempts = 0
      AND w.first_attempt_at IS NULL AND w.inbox_id IN (SELECT v.id FROM inbox v
        WHERE v.kind = 'voicemail' AND v.session_id IN (SELECT c.session_id FROM call_posts c))
    RETURNING w.id),
  cdr_replies AS (
    INSERT INTO outbox (inbox_id, parent_id, channel, kind, session_id, mention, next_at, created_at)
    SELECT r.id, p.id, p.channel, 'reply', p.session_id, NULL, p.received_at, p.received_at
    FROM call_posts p JOIN inbox r ON r.session_id = p.session_id AND r.kind IN ('record', 'voicemail')
    WHERE NOT EXISTS (SELECT 1 FROM outbox a WHERE a.inbox_id = r.id AND a.channel = p.channel
      AND a.awaits_call = 1 AND a.id NOT IN (SELECT x.id FROM dropped x))
    ORDER BY p.call_id, r.id, p.id
    ON CONFLICT DO NOTHING)
  SELECT ins.dedupe_key FROM ins;
END
$fn$;
`;
