import type { RowIdentity } from './summaries.ts';

/** What {@link KeyedRows} needs of a row accumulator. */
export interface MergeableRow<R> {
  merge(other: R): void;
  /** Records counted; rows are listed largest first. */
  volume(): number;
}

interface Entry<R> {
  readonly label: string;
  readonly row: R;
}

/**
 * The rows of one dimension (skill group, agent, number): one per key for the first `maxKeys` keys, one for
 * records without a key (`none`) and one that every later key folds into (`other`). A key's own row is exact
 * unless that key arrived after the limit in some part; `other` holds the rest, so rows always add up.
 */
export class KeyedRows<R extends MergeableRow<R>> {
  readonly #entries = new Map<string, Entry<R>>();
  readonly #maxKeys: number;
  readonly #create: () => R;
  #none: R | undefined;
  #other: R | undefined;

  constructor(maxKeys: number, create: () => R) {
    this.#maxKeys = maxKeys;
    this.#create = create;
  }

  /** The row of an existing key, if any (cheap: no label is computed). */
  get(key: string): R | undefined {
    return this.#entries.get(key)?.row;
  }

  /** A new row for `key` labelled `label`, or the `other` row when `maxKeys` keys already have one. */
  insert(key: string, label: string): R {
    const existing = this.#entries.get(key);
    if (existing) return existing.row;
    if (this.#entries.size >= this.#maxKeys) return this.#otherRow();
    const row = this.#create();
    this.#entries.set(key, { label, row });
    return row;
  }

  /** The row of records without a key. */
  none(): R {
    this.#none ??= this.#create();
    return this.#none;
  }

  #otherRow(): R {
    this.#other ??= this.#create();
    return this.#other;
  }

  /** Adds `other`'s rows key by key (new keys beyond `maxKeys` fold into `other`). */
  merge(other: KeyedRows<R>): void {
    for (const [key, entry] of other.#entries) this.insert(key, entry.label).merge(entry.row);
    if (other.#none) this.none().merge(other.#none);
    if (other.#other) this.#otherRow().merge(other.#other);
  }

  /** Rows as plain objects, largest first (ties by key), then `none`, then `other`. */
  list<T>(toJson: (row: R) => T, noneLabel: string): Array<RowIdentity & T> {
    const keyed = [...this.#entries]
      .sort(([a, x], [b, y]) => y.row.volume() - x.row.volume() || (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { label, row }]) => ({ key, label, kind: 'key' as const, ...toJson(row) }));
    const none = this.#none
      ? [{ key: '', label: noneLabel, kind: 'none' as const, ...toJson(this.#none) }]
      : [];
    const other = this.#other
      ? [{ key: '', label: 'Other', kind: 'other' as const, ...toJson(this.#other) }]
      : [];
    return [...keyed, ...none, ...other];
  }
}

/**
 * The row of `value` in `rows`: `none` when it has no key, else its own (or the `other`) row. `keyOf` and
 * `labelOf` are plain functions, not closures, so finding a row allocates nothing; the label is only computed
 * for a new key.
 */
export function rowOf<R extends MergeableRow<R>, T>(
  rows: KeyedRows<R>,
  value: T,
  keyOf: (value: T) => string | null,
  labelOf: (value: NonNullable<T>, key: string) => string,
): R {
  const key = keyOf(value);
  if (key === null) return rows.none();
  // A key implies a value: every `keyOf` returns null for a missing one.
  return rows.get(key) ?? rows.insert(key, labelOf(value as NonNullable<T>, key));
}
