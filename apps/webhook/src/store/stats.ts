import type { RawRow } from './row-mapping.ts';
import type { OutboxState, StoreStats } from './types.ts';

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
