import type { RawRow } from './row-mapping.ts';
import type { OutboxState, StoreDepth, StoreStats } from './types.ts';

/** Builds {@link StoreStats} from the three count queries of `SQL` (`n` columns; int8 arrives as text). */
export function toStats(
  inbox: RawRow | undefined,
  quarantine: RawRow | undefined,
  byState: readonly RawRow[],
): StoreStats {
  const outbox: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const row of byState) outbox[row.state as OutboxState] = Number(row.n);
  const last = inbox?.last;
  return {
    inbox: Number(inbox?.n ?? 0),
    lastReceivedAt: last === null || last === undefined ? null : Number(last),
    outbox,
    quarantine: Number(quarantine?.n ?? 0),
  };
}

/** Builds {@link StoreDepth} from `SQL.countUndelivered` and `SQL.countQuarantine`. */
export function toDepth(quarantine: RawRow | undefined, undelivered: readonly RawRow[]): StoreDepth {
  const outbox: Record<keyof StoreDepth['outbox'], number> = { pending: 0, sending: 0, dead: 0 };
  for (const row of undelivered) outbox[row.state as keyof StoreDepth['outbox']] = Number(row.n);
  return { outbox, quarantine: Number(quarantine?.n ?? 0) };
}
