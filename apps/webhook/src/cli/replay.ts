import { parsePush } from '@ccc-kit/cdr-parser';
import { facts } from '../facts.ts';
import type { RoutesFile } from '../routes/index.ts';
import { route } from '../routes/index.ts';
import type { IngestItem, QuarantineRow, Store } from '../store/index.ts';

/** Result of replaying the quarantine. */
export interface ReplayReport {
  readonly stored: number;
  readonly duplicate: number;
  /** Still invalid with this version (or cut short when received): kept in quarantine. */
  readonly stillInvalid: number;
}

/** Options of {@link replayQuarantine}. */
export interface ReplayOptions {
  readonly routes: RoutesFile;
  readonly defaultChannel?: string | undefined;
  /** The push body limit now in force (`PUSH_MAX_BODY_BYTES`): a refused oversized body replays under it. */
  readonly maxBodyBytes: number;
  /** Only these rows (default: every row). */
  readonly ids?: readonly number[];
  readonly now?: () => number;
}

/**
 * Re-parses quarantined pushes with the current code and limits (e.g. after an upgrade that understands a
 * new field, or after raising `PUSH_MAX_BODY_BYTES`): each valid one is ingested (same dedupe as live
 * pushes) and its row deleted in ONE transaction, so a failure or a crash keeps the row; invalid or
 * truncated ones stay in quarantine untouched. A store failure stops the replay (rejects); rows not yet
 * replayed stay, and running it again continues.
 *
 * @example
 * const report = await replayQuarantine(store, { routes, maxBodyBytes: 4 * 1024 * 1024 });
 */
export async function replayQuarantine(store: Store, options: ReplayOptions): Promise<ReplayReport> {
  const now = options.now ?? Date.now;
  const ids = options.ids ?? (await store.listQuarantine({ limit: 100_000 })).map((row) => row.id);
  const counts = { stored: 0, duplicate: 0, stillInvalid: 0 };
  for (const id of ids) {
    const outcome = await store.ingestQuarantined(id, (row) => toItem(row, options, now()));
    if (outcome === 'kept') counts.stillInvalid++;
    else if (outcome) counts[outcome]++;
  }
  return counts;
}

/** The ingest item of a quarantined push that parses now; null when it still does not (or was cut). */
function toItem(row: QuarantineRow, options: ReplayOptions, receivedAt: number): IngestItem | null {
  if (row.truncated) return null;
  const parsed = parsePush(
    { query: row.query, headers: { 'x-tccc-push-uuid': row.pushId ?? undefined }, body: row.body },
    { maxBodyBytes: options.maxBodyBytes },
  );
  if (!parsed.ok) return null;
  const push = parsed.push;
  return {
    kind: push.kind,
    dedupeKey: push.dedupeKey,
    sessionId: push.sessionId,
    pushId: push.pushId,
    source: 'push',
    body: Buffer.from(row.body).toString('utf8'),
    receivedAt,
    deliveries: push.kind === 'record' ? [] : route(options.routes, facts(push), options.defaultChannel),
  };
}
