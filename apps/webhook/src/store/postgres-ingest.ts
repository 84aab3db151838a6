import type pg from 'pg';
import { postDeliveries } from './post-deliveries.ts';
import { checkOut } from './postgres-client.ts';
import { lockKeysSql } from './postgres-follow-up-ingest.ts';
import { followUpValues, ingestOnePostgres } from './postgres-ingest-one.ts';
import { ADVISORY_LOCK_CLASS } from './postgres-migrations.ts';
import { inTransaction, onClient } from './postgres-ops.ts';
import type { IngestItem, IngestOutcome } from './types.ts';

/** A run of the batch: several calls and chats in one statement, or one item on its own. */
type Run = { readonly many: readonly IngestItem[] } | { readonly one: IngestItem };

/** Items whose `key` another item of `items` shares (null keys never count). */
function shared(items: readonly IngestItem[], key: (item: IngestItem) => string | null): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const value = key(item);
    if (value === null) continue;
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return repeated;
}

/**
 * Splits a batch, in order, into runs of independent calls and chats (stored by one statement) and the
 * items that need the one-by-one path: recordings and voicemails (they read the call's posts, which an
 * earlier item may create) and any item sharing a session, dedupe key or push id with another item.
 */
function planRuns(items: readonly IngestItem[]): Run[] {
  const sessions = shared(items, (item) => item.sessionId);
  const keys = shared(items, (item) => item.dedupeKey);
  const pushes = shared(items, (item) => item.pushId);
  const runs: Run[] = [];
  let current: IngestItem[] = [];
  for (const item of items) {
    const independent =
      (item.kind === 'cdr' || item.kind === 'imcdr') &&
      !sessions.has(item.sessionId) &&
      !keys.has(item.dedupeKey) &&
      (item.pushId === null || !pushes.has(item.pushId));
    if (independent) {
      current.push(item);
      continue;
    }
    if (current.length > 0) runs.push({ many: current });
    current = [];
    runs.push({ one: item });
  }
  if (current.length > 0) runs.push({ many: current });
  return runs;
}

/**
 * The prepared call of the ingest function with the batch's arrays: `ccc_ingest_calls_v11` (migration 11,
 * sixteen arrays) when an item has a follow-up fact, else migration 5's `ccc_ingest_calls` (the first ten):
 * the follow-up steps cost a run without follow-ups (no `INTERNAL_TOKEN`) about a third of its throughput
 * in the bench, for nothing.
 */
const ingestCallsQuery = (arrays: unknown[][], followUps: boolean) =>
  followUps
    ? {
        name: 'ccc-webhook-ingest-calls-v11',
        text: `SELECT stored_key FROM ccc_ingest_calls_v11($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
          $14, $15, $16, $17)`,
        values: [...arrays, ADVISORY_LOCK_CLASS],
      }
    : {
        name: 'ccc-webhook-ingest-calls',
        text: 'SELECT stored_key FROM ccc_ingest_calls($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        values: [...arrays.slice(0, 10), ADVISORY_LOCK_CLASS],
      };

/**
 * Opens `count` connections at once and runs the ingest statement on each with an empty batch (it stores
 * nothing): the first pushes then meet connections whose function is compiled and planned, instead of
 * waiting for that (~35 ms measured) behind a new connection. Connections are kept open (see `createPool`).
 */
export async function warmUpPostgres(pool: pg.Pool, count: number): Promise<void> {
  const empty = Array.from({ length: 16 }, (): unknown[] => []);
  const clients = await Promise.all(Array.from({ length: count }, () => checkOut(pool)));
  try {
    await Promise.all(
      clients.map(async ({ client }) => {
        await client.query(ingestCallsQuery(empty, false));
        await client.query(ingestCallsQuery(empty, true));
      }),
    );
  } finally {
    for (const { release } of clients) release();
  }
}

/** The follow-up arrays of a run, one entry per item (nulls for an item without a follow-up fact). */
function followUpArrays(items: readonly IngestItem[]): unknown[][] {
  const rows = items.map(followUpValues);
  return [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column]));
}

/** Stores a run of independent calls and chats through the ingest function, which locks their sessions first. */
async function ingestRun(client: pg.PoolClient, items: readonly IngestItem[]): Promise<IngestOutcome[]> {
  const deliveries = items.flatMap((item, index) =>
    postDeliveries(item).map((d) => ({ ...d, item: index + 1 })),
  );
  const { rows } = await client.query<{ stored_key: string }>(
    ingestCallsQuery(
      [
        items.map((i) => i.kind),
        items.map((i) => i.dedupeKey),
        items.map((i) => i.sessionId),
        items.map((i) => i.pushId),
        items.map((i) => i.source),
        items.map((i) => i.body),
        items.map((i) => i.receivedAt),
        deliveries.map((d) => d.item),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => d.mention ?? null),
        ...followUpArrays(items),
      ],
      items.some((item) => item.followUp !== undefined),
    ),
  );
  const stored = new Set(rows.map((row) => row.stored_key));
  return items.map((item) => (stored.has(item.dedupeKey) ? 'stored' : 'duplicate'));
}

/**
 * Stores a batch in one transaction. A batch of independent calls and chats (the common case under load) is
 * one call of `ccc_ingest_calls_v11` on its own: one round trip, one transaction. Any other batch runs in an
 * explicit transaction (see {@link ingestPostgres}).
 */
export async function ingestBatchPostgres(
  pool: pg.Pool,
  items: readonly IngestItem[],
): Promise<IngestOutcome[]> {
  const runs = planRuns(items);
  const [only] = runs;
  if (runs.length === 1 && only && 'many' in only)
    return onClient(pool, (client) => ingestRun(client, only.many));
  return inTransaction(pool, (client) => ingestPostgres(client, items));
}

/**
 * Stores a batch in the caller's transaction. First it takes one advisory lock per session that has a cdr,
 * a recording or a voicemail in the batch, and one per follow-up customer (sorted, so two replicas cannot
 * deadlock on them): without them a cdr and its recording, or a missed call and its callback, committed at
 * the same moment by two replicas would each miss the other. Then one statement per run of independent calls
 * and chats, one per other item.
 */
export async function ingestPostgres(
  client: pg.PoolClient,
  items: readonly IngestItem[],
): Promise<IngestOutcome[]> {
  const sessions = [...new Set(items.filter((i) => i.kind !== 'imcdr').map((i) => i.sessionId))];
  const customers = [...new Set(items.flatMap((i) => (i.followUp ? [i.followUp.customer] : [])))];
  if (sessions.length > 0 || customers.length > 0) {
    await client.query({
      name: 'ccc-webhook-ingest-locks-v11',
      text: `SELECT pg_advisory_xact_lock($1, k) FROM
        (${lockKeysSql('SELECT unnest($2::text[])', 'SELECT unnest($3::text[])')}) AS keys`,
      values: [ADVISORY_LOCK_CLASS, sessions, customers],
    });
  }
  const outcomes: IngestOutcome[] = [];
  for (const run of planRuns(items)) {
    if ('one' in run) outcomes.push(await ingestOnePostgres(client, run.one));
    else outcomes.push(...(await ingestRun(client, run.many)));
  }
  return outcomes;
}
