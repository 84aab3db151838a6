import { parsePush } from '@ccc-kit/cdr-parser';
import { facts } from '../facts.ts';
import type { RoutesFile } from '../routes/index.ts';
import { route } from '../routes/index.ts';
import type { Store } from '../store/index.ts';

/** Result of replaying the quarantine. */
export interface ReplayReport {
  readonly stored: number;
  readonly duplicate: number;
  /** Still invalid with this version: kept in quarantine. */
  readonly stillInvalid: number;
}

/**
 * Re-parses quarantined pushes with the current code (e.g. after an upgrade that understands a new field):
 * valid ones are ingested (same dedupe as live pushes), invalid ones go back to quarantine unchanged.
 */
export async function replayQuarantine(
  store: Store,
  options: {
    routes: RoutesFile;
    defaultChannel?: string | undefined;
    ids?: readonly number[];
    now?: () => number;
  },
): Promise<ReplayReport> {
  const now = options.now ?? Date.now;
  const ids = options.ids ?? (await store.listQuarantine({ limit: 100_000 })).map((row) => row.id);
  let stored = 0;
  let duplicate = 0;
  let stillInvalid = 0;
  for (const id of ids) {
    const row = await store.takeQuarantine(id);
    if (!row) continue;
    const parsed = parsePush({
      query: row.query,
      headers: { 'x-tccc-push-uuid': row.pushId ?? undefined },
      body: row.body,
    });
    if (!parsed.ok || row.truncated) {
      await store.quarantine({ ...row, reason: row.reason, body: row.body, receivedAt: row.receivedAt });
      stillInvalid++;
      continue;
    }
    const push = parsed.push;
    const [outcome] = await store.ingest([
      {
        kind: push.kind,
        dedupeKey: push.dedupeKey,
        sessionId: push.sessionId,
        pushId: row.pushId,
        source: 'push',
        body: Buffer.from(row.body).toString('utf8'),
        receivedAt: now(),
        deliveries: push.kind === 'record' ? [] : route(options.routes, facts(push), options.defaultChannel),
      },
    ]);
    if (outcome === 'stored') stored++;
    else duplicate++;
  }
  return { stored, duplicate, stillInvalid };
}
