/** Error codes of {@link StoreError}. */
export const StoreErrorCode = {
  /** The database cannot be reached, is locked past the timeout, or the disk failed: retry later. */
  Unavailable: 'webhook_store_unavailable',
  /** `openStore` got a URL it does not understand. */
  InvalidUrl: 'webhook_store_invalid_url',
  /** A factory got an option it cannot use (e.g. a schema name that is not a plain identifier). */
  InvalidOptions: 'webhook_store_invalid_options',
  /** An ingest item broke the contract (unknown kind, empty key, …); nothing of its batch was written. */
  InvalidItem: 'webhook_store_invalid_item',
  /**
   * The database refused a value of this one item (PostgreSQL: a NUL character in text, a key beyond the
   * index row limit); retrying cannot help, so the push is answered 400 and quarantined. Its batch
   * neighbours are committed without it.
   */
  RefusedItem: 'webhook_store_refused_item',
  /** `migrate()` could not bring the schema up to date. */
  MigrationFailed: 'webhook_store_migration_failed',
  /** Any other database error. */
  QueryFailed: 'webhook_store_query_failed',
  /** The store was used after `close()`. */
  Closed: 'webhook_store_closed',
} as const;
/** Union of {@link StoreErrorCode} values. */
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

/** The single error class of the store; the original driver error is kept as `cause`. */
export class StoreError extends Error {
  override name = 'StoreError' as const;
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link StoreError}, also across module copies. */
export const isStoreError = (error: unknown): error is StoreError =>
  error instanceof StoreError || (error as { name?: unknown } | null)?.name === 'StoreError';

/**
 * Wraps a driver error thrown while doing `what`. Errors that mean "try again later" (connection refused,
 * database locked, disk full, server shutting down) become `webhook_store_unavailable`, so the HTTP layer
 * can answer a non-zero ErrCode and let Tencent retry; a StoreError passes through unchanged.
 */
export function toStoreError(error: unknown, what: string): StoreError {
  if (isStoreError(error)) return error;
  const code = isTransient(error) ? StoreErrorCode.Unavailable : StoreErrorCode.QueryFailed;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreError(code, `Store ${what} failed: ${detail}`, { cause: error });
}

// SQLite result codes (better-sqlite3 `code`), Node socket errors and Postgres SQLSTATE classes 08
// (connection), 53 (resources), 57 (operator intervention, e.g. admin shutdown) and 55P03 (lock timeout).
const TRANSIENT_PREFIXES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN'];
const TRANSIENT_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return /timeout|terminated|Connection/i.test(String(error));
  if (TRANSIENT_PREFIXES.some((prefix) => code.startsWith(prefix)) || TRANSIENT_NODE.has(code)) return true;
  return /^(08|53|57)/.test(code) || code === '55P03';
}
