/** One page of a time-filtered list API: the rows of this page and how many match in all. */
export interface WindowPage<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}

/** One list request: the rows of `[start, end]` (Unix seconds, both included), page `page` (from 0). */
export type ListWindowPage<T> = (start: number, end: number, page: number) => Promise<WindowPage<T>>;

/** How rows are read, identified and (optionally) filtered on our side. */
export interface NewestOptions<T> {
  /** When a row happened, Unix seconds: the time the API filters on. */
  readonly timeOf: (row: T) => number;
  readonly idOf: (row: T) => string;
  /** Rows kept (the API cannot filter on it); all rows when absent. */
  readonly keep?: (row: T) => boolean;
  /** Requests allowed before the search stops with what it has (default: no limit). */
  readonly maxRequests?: number;
}

/** The newest rows found, newest first. */
export interface NewestRows<T> {
  readonly rows: T[];
  /** Rows of the whole window the API reported (before `keep`). */
  readonly total: number;
  /**
   * Undefined when the search covered every row it needed; otherwise the request budget ran out and only
   * `[searchedFrom, end]` was read (older rows were not looked at).
   */
  readonly searchedFrom: number | undefined;
}

/** Pages read of a single second's rows (more than a page of rows in one second). */
const MAX_SECOND_PAGES = 5;

class Search<T> {
  requests = 0;
  /** Start of the oldest window read completely so far. */
  coveredFrom: number;
  exhausted = false;

  private readonly list: ListWindowPage<T>;
  private readonly options: NewestOptions<T>;

  constructor(list: ListWindowPage<T>, options: NewestOptions<T>, end: number) {
    this.list = list;
    this.options = options;
    this.coveredFrom = end + 1;
  }

  async page(start: number, end: number, page: number): Promise<WindowPage<T> | undefined> {
    if (this.requests >= (this.options.maxRequests ?? Number.POSITIVE_INFINITY)) {
      this.exhausted = true;
      return undefined;
    }
    this.requests++;
    return this.list(start, end, page);
  }

  kept(rows: readonly T[]): T[] {
    const keep = this.options.keep;
    return keep ? rows.filter(keep) : [...rows];
  }

  /** Every row of one second, page after page. */
  async readSecond(at: number, first: WindowPage<T>): Promise<T[]> {
    const items = [...first.items];
    for (let page = 1; page < MAX_SECOND_PAGES && items.length < first.totalCount; page++) {
      const next = await this.page(at, at, page);
      if (!next || next.items.length === 0) break;
      items.push(...next.items);
    }
    return items;
  }

  /**
   * The kept rows of `[x, end]` for some `x >= start`, at least `need` of them when the window has that
   * many: a window whose first page holds every row is done; a larger one is halved by time and the newer
   * half read first, the older half only when the newer one falls short.
   */
  async collect(start: number, end: number, need: number, known?: WindowPage<T>): Promise<T[]> {
    const first = known ?? (await this.page(start, end, 0));
    if (!first) return [];
    if (first.totalCount <= first.items.length || end <= start) {
      const rows = end <= start ? await this.readSecond(start, first) : first.items;
      if (!this.exhausted) this.coveredFrom = start;
      return this.kept(rows);
    }
    const mid = start + Math.floor((end - start) / 2);
    const newer = await this.collect(mid + 1, end, need);
    if (newer.length >= need || this.exhausted) return newer;
    return [...newer, ...(await this.collect(start, mid, need - newer.length))];
  }
}

/**
 * The `need` newest rows of a window, newest first by `timeOf`, for list APIs that document no order
 * (Desk's describe_im_cdr_list, CCC's DescribeTelCdr). A window whose first page holds every row is read in
 * one request; a larger one is halved by time (newer half first) until the newest rows are all read.
 * Requests go one at a time, one or two per halving: 2 for 150 rows, 8 for a week of 10,000. Rows the API
 * cannot filter out are dropped by `keep`; then halving goes on until `need` kept rows are found or the
 * window is read, or until `maxRequests` (`searchedFrom` then says how far back the search got).
 *
 * @example
 * const { rows } = await newestInWindow(list, { start, end }, 20, { timeOf, idOf });
 * // page 2 of 10 = rows[10..19]
 */
export async function newestInWindow<T>(
  list: ListWindowPage<T>,
  window: { readonly start: number; readonly end: number },
  need: number,
  options: NewestOptions<T>,
): Promise<NewestRows<T>> {
  const search = new Search(list, options, window.end);
  const first = await search.page(window.start, window.end, 0);
  if (!first) return { rows: [], total: 0, searchedFrom: window.end };
  const found = await search.collect(window.start, window.end, need, first);
  const unique = [...new Map(found.map((row) => [options.idOf(row), row])).values()];
  const newestFirst = (a: T, b: T): number =>
    options.timeOf(b) - options.timeOf(a) || options.idOf(b).localeCompare(options.idOf(a));
  return {
    rows: unique.sort(newestFirst),
    total: first.totalCount,
    searchedFrom: search.exhausted ? search.coveredFrom : undefined,
  };
}
