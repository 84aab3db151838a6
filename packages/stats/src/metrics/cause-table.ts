/** End status → missed cause, matched case-insensitively as cdr-parser matches statuses. */
export type CauseTable = ReadonlyMap<string, number>;

/**
 * A table holding each status in Tencent's spelling and in lower case: the usual spelling is found without
 * allocating, any other casing after one `toLowerCase`.
 */
export function causeTable(entries: readonly (readonly [status: string, cause: number])[]): CauseTable {
  return new Map(
    entries.flatMap(([status, cause]) => [[status, cause] as const, [status.toLowerCase(), cause] as const]),
  );
}

/** The cause of `raw` in `table`, or `undefined` when the status is missing or not a cause. */
export function causeOfStatus(table: CauseTable, raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  return table.get(raw) ?? table.get(raw.toLowerCase());
}
