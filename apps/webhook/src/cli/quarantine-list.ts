import type { QuarantineRow, Store } from '../store/index.ts';

const HEADER = ['id', 'received (UTC)', 'action', 'reason', 'bytes', 'truncated'] as const;

/** One row's columns: never the body, nor the reason's message (both may quote what the push held). */
const columns = (row: QuarantineRow): string[] => [
  String(row.id),
  new Date(row.receivedAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z'),
  // The raw `action` parameter: bounded by the push handler, printed as JSON when it is not a plain word.
  row.action === null ? '-' : /^[\w-]{1,32}$/.test(row.action) ? row.action : JSON.stringify(row.action),
  row.reason.code,
  String(row.bodySize),
  row.truncated ? 'yes' : 'no',
];

/** Left-aligned columns, padded to the widest cell, two spaces apart. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `quarantine list`: the newest `limit` quarantined pushes as a table (id, time received, action, reason
 * code, size, truncated), then how to replay them. Bodies are never printed: they may hold customer data.
 *
 * @example
 * console.log(await quarantineList(store, 20));
 */
export async function quarantineList(store: Store, limit: number): Promise<string> {
  const rows = await store.listQuarantine({ limit });
  if (rows.length === 0) return 'The quarantine is empty.';
  const shown = rows.length === limit ? `the newest ${limit} (--limit for more)` : `${rows.length}`;
  return [
    ...table([HEADER, ...rows.map(columns)]),
    '',
    `${shown} quarantined push(es). Replay with: replay-quarantine [--id N …] (truncated ones cannot be replayed)`,
  ].join('\n');
}
