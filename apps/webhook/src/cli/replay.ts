import { parsePush } from '@ccc-kit/cdr-parser';
import { facts } from '../facts.ts';
import type { RoutesFile } from '../routes/index.ts';
import { route } from '../routes/index.ts';
import type { IngestItem, QuarantineRow, Store } from '../store/index.ts';

/** What happened to one quarantined push. */
export interface ReplayResult {
  readonly id: number;
  /** `kept`: still refused, left in quarantine; `gone`: no such row (another replay took it, or evicted). */
  readonly outcome: 'stored' | 'duplicate' | 'kept' | 'gone';
  /** The push's kind, once it parsed. */
  readonly kind?: string;
  /** Why a kept push is still refused: the parser's code and message (numbers masked), or truncation. */
  readonly reason?: string;
}

/** Result of replaying the quarantine. */
export interface ReplayReport {
  readonly stored: number;
  readonly duplicate: number;
  /** Still invalid with this version (or cut short when received): kept in quarantine. */
  readonly stillInvalid: number;
  /** One entry per push looked at, in the order replayed. */
  readonly results: readonly ReplayResult[];
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
  const results: ReplayResult[] = [];
  for (const id of ids) {
    // `prepare` runs inside the store's transaction: it only notes what it saw.
    const seen: { prepared?: Prepared } = {};
    const outcome = await store.ingestQuarantined(id, (row) => {
      seen.prepared = toItem(row, options, now());
      return seen.prepared.item;
    });
    const kind = seen.prepared?.item?.kind;
    if (outcome === 'kept') counts.stillInvalid++;
    else if (outcome) counts[outcome]++;
    results.push({
      id,
      outcome: outcome ?? 'gone',
      ...(kind ? { kind } : {}),
      ...(outcome === 'kept' && seen.prepared?.reason ? { reason: seen.prepared.reason } : {}),
    });
  }
  return { ...counts, results };
}

/** The item a quarantined row makes now, or null with why it still cannot be stored. */
type Prepared = { item: IngestItem; reason?: undefined } | { item: null; reason: string };

/** The ingest item of a quarantined push that parses now; null when it still does not (or was cut). */
function toItem(row: QuarantineRow, options: ReplayOptions, receivedAt: number): Prepared {
  if (row.truncated)
    return {
      item: null,
      reason: `truncated: only part of its ${row.bodySize} bytes was kept, so it cannot parse`,
    };
  const parsed = parsePush(
    { query: row.query, headers: { 'x-tccc-push-uuid': row.pushId ?? undefined }, body: row.body },
    { maxBodyBytes: options.maxBodyBytes },
  );
  if (!parsed.ok) return { item: null, reason: `${parsed.error.code}: ${parsed.error.message}` };
  const push = parsed.push;
  const item: IngestItem = {
    kind: push.kind,
    dedupeKey: push.dedupeKey,
    sessionId: push.sessionId,
    pushId: push.pushId,
    source: 'push',
    body: Buffer.from(row.body).toString('utf8'),
    receivedAt,
    deliveries: push.kind === 'record' ? [] : route(options.routes, facts(push), options.defaultChannel),
  };
  return { item };
}

/** One line per replayed push, then the totals: what `replay-quarantine` prints. */
export function replayLines(report: ReplayReport): string {
  const lines = report.results.map((result) => {
    const what = result.kind ? ` (${result.kind})` : '';
    if (result.outcome === 'kept') return `#${result.id}: still refused, kept: ${result.reason}`;
    if (result.outcome === 'gone')
      return `#${result.id}: not in the quarantine (already replayed or evicted)`;
    return `#${result.id}${what}: ${result.outcome === 'stored' ? 'stored, left the quarantine' : 'duplicate of a stored push, left the quarantine'}`;
  });
  lines.push(
    `replayed: ${report.stored} stored, ${report.duplicate} duplicate, ${report.stillInvalid} still invalid (kept)`,
  );
  return lines.join('\n');
}
