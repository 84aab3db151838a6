import type pg from 'pg';
import { inTransaction } from './postgres-ops.ts';
import { toClaimedMessage } from './row-mapping.ts';
import { candidatesSql, DUE_ROW, type LeaseClock } from './sql.ts';
import type { ClaimedMessage, ClaimOptions } from './types.ts';

type Row = Record<string, unknown>;

/** The channel has a pending or claimed message (through the partial index `outbox_channel_open`). */
const OPEN = (channel: string): string =>
  `EXISTS (SELECT 1 FROM outbox x WHERE x.channel = ${channel} AND x.state IN ('pending', 'sending'))`;

/**
 * The channels with open messages, one index probe each (a skip scan of `outbox_channel_open`): counting
 * distinct channels over the open rows themselves read the whole backlog on every claim.
 */
const OPEN_CHANNELS = `WITH RECURSIVE open_channels AS (
    (SELECT channel FROM outbox WHERE state IN ('pending', 'sending') ORDER BY channel LIMIT 1)
    UNION ALL
    SELECT (SELECT o.channel FROM outbox o WHERE o.state IN ('pending', 'sending') AND o.channel > p.channel
      ORDER BY o.channel LIMIT 1) FROM open_channels p WHERE p.channel IS NOT NULL)
  SELECT channel FROM open_channels WHERE channel IS NOT NULL`;

/**
 * Channel ownership on PostgreSQL: each channel is relayed by one replica at a time, so Slack's per-channel
 * rate and the order of a channel's posts hold for the whole deployment. Ownership is a lease in
 * `relay_channels` on the database clock, renewed by every claim while the channel has open messages (an
 * idle one lapses). A replica takes its fair share (busy channels ÷ live replicas, from `relay_replicas`
 * heartbeats), gives back busy channels beyond it that it has claimed nothing in, and takes over a channel
 * whose lease ended (a dead replica's) together with the messages that replica had claimed in it.
 * Statements take `$1` owner, `$2` now (null: the database clock), `$3` channel lease ms unless they say.
 */
export function channelSql(clock: LeaseClock) {
  const t = clock('$2');
  return {
    heartbeat: `INSERT INTO relay_replicas (owner, seen_until) VALUES ($1, ${t} + $3)
      ON CONFLICT (owner) DO UPDATE SET seen_until = EXCLUDED.seen_until`,
    // Only channels with open messages: an idle one lapses, and then any replica may take it.
    renew: `UPDATE relay_channels r SET lease_until = ${t} + $3 WHERE r.owner = $1 AND ${OPEN('r.channel')}`,
    census: `SELECT
      (SELECT COUNT(*) FROM relay_replicas WHERE seen_until > ${t}) AS live,
      (SELECT COUNT(*) FROM (${OPEN_CHANNELS} LIMIT 5000) c) AS active,
      (SELECT COUNT(*) FROM relay_channels r WHERE r.owner = $1 AND r.lease_until > ${t}
        AND ${OPEN('r.channel')}) AS mine`,
    // Up to `$2` busy channels beyond the share, with nothing claimed by this owner, go back, so a replica
    // that starts later gets some.
    giveBack: `DELETE FROM relay_channels WHERE channel IN (
      SELECT r.channel FROM relay_channels r WHERE r.owner = $1 AND ${OPEN('r.channel')}
        AND NOT EXISTS (SELECT 1 FROM outbox o
          WHERE o.channel = r.channel AND o.state = 'sending' AND o.lease_owner = $1)
      ORDER BY r.channel LIMIT $2)`,
    // In channel order on every replica, so two replicas acquiring at once never deadlock.
    acquire: `INSERT INTO relay_channels (channel, owner, lease_until)
      SELECT a.channel, $1, ${t} + $3 FROM (
        SELECT DISTINCT d.channel FROM (
          -- LIMIT 1: one index probe per open channel (as a semi-join it read every pending row).
          (SELECT oc.channel FROM (${OPEN_CHANNELS}) oc CROSS JOIN LATERAL (SELECT 1 FROM outbox p
            WHERE p.channel = oc.channel AND p.state = 'pending' AND p.next_at <= $5 LIMIT 1) due)
          -- A dead owner's channel where it left claimed messages, although none is pending.
          UNION (SELECT e.channel FROM relay_channels e WHERE e.lease_until <= ${t} AND EXISTS (
            SELECT 1 FROM outbox s WHERE s.channel = e.channel AND s.state = 'sending'))) d
        LEFT JOIN relay_channels r ON r.channel = d.channel
        WHERE r.channel IS NULL OR (r.owner <> $1 AND r.lease_until <= ${t})) a
      ORDER BY a.channel LIMIT $4
      ON CONFLICT (channel) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until,
        fence = relay_channels.fence + 1
      WHERE relay_channels.lease_until <= ${t}
      RETURNING channel`,
    // Messages the previous owner of a taken-over channel had claimed: in doubt if attempted, pending again.
    takeOver: `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL
      WHERE state = 'sending' AND lease_owner <> $1 AND channel = ANY($2::text[])`,
    release: `DELETE FROM relay_channels r WHERE r.owner = $1 AND NOT EXISTS (SELECT 1 FROM outbox o
      WHERE o.channel = r.channel AND o.state = 'sending' AND o.lease_owner = $1)`,
    forget: `DELETE FROM relay_replicas WHERE owner = $1`,
  };
}

type ChannelSql = ReturnType<typeof channelSql>;

/** Renews, rebalances and acquires `owner`'s channels inside the caller's transaction. */
async function holdChannels(
  client: pg.PoolClient,
  sql: ChannelSql,
  options: ClaimOptions & { readonly channelLeaseMs: number },
  leaseNow: number | null,
): Promise<void> {
  const { owner } = options;
  const lease = [owner, leaseNow, options.channelLeaseMs];
  await client.query(sql.heartbeat, lease);
  await client.query(sql.renew, lease);
  const { rows } = await client.query<Row>(sql.census, [owner, leaseNow]);
  const live = Math.max(1, Number(rows[0]?.live));
  const share = Math.max(1, Math.ceil(Number(rows[0]?.active) / live));
  const mine = Number(rows[0]?.mine);
  if (mine > share) await client.query(sql.giveBack, [owner, mine - share]);
  if (mine >= share) return;
  const acquired = await client.query<Row>(sql.acquire, [...lease, share - mine, options.now]);
  const channels = acquired.rows.map((row) => String(row.channel));
  if (channels.length > 0) await client.query(sql.takeOver, [options.owner, channels]);
}

/**
 * Claims due rows of the channels `owner` holds, after renewing, rebalancing and acquiring channels, in one
 * transaction. `claimSql` is the claim statement built on {@link ownedDueSql}.
 */
export function claimOwnedPostgres(
  pool: pg.Pool,
  options: ClaimOptions & { readonly channelLeaseMs: number },
  statements: { channels: ChannelSql; claim: string },
  leaseNow: number | null,
): Promise<ClaimedMessage[]> {
  return inTransaction(pool, async (client) => {
    await holdChannels(client, statements.channels, options, leaseNow);
    const { now, limit, owner, leaseMs, perChannel = Number.MAX_SAFE_INTEGER } = options;
    const { rows } = await client.query<Row>(statements.claim, [
      now,
      limit,
      owner,
      perChannel,
      leaseNow,
      leaseMs,
    ]);
    return rows.map(toClaimedMessage).sort((a, b) => a.id - b.id);
  });
}

/**
 * The claim candidates limited to the channels `$3` holds: for each, its first `$4` due rows by id (no more
 * can be claimed in it), read in id order through `outbox_channel_open`. Bounded by the channels held, not
 * by the backlog: scanning every pending row to rank them made each claim cost ~30 ms of database time on a
 * 30,000-row backlog, ten claims a second, on the cores that also commit the pushes.
 */
export const ownedDueSql = candidatesSql(`SELECT c.id, c.channel FROM relay_channels h
      CROSS JOIN LATERAL (SELECT c.id, c.channel FROM outbox c LEFT JOIN outbox q ON q.id = c.parent_id
        WHERE c.channel = h.channel AND ${DUE_ROW} ORDER BY c.id LIMIT LEAST(CAST($4 AS BIGINT), 2000)) c
      WHERE h.owner = $3`);

/** On shutdown: gives back every channel with no message still claimed by `owner`, and its heartbeat. */
export async function releaseChannelsPostgres(pool: pg.Pool, sql: ChannelSql, owner: string): Promise<void> {
  await pool.query(sql.release, [owner]);
  await pool.query(sql.forget, [owner]);
}
