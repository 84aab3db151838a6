import { StoreError, StoreErrorCode } from './errors.ts';
import { createPostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
import { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
import type { Store } from './types.ts';

/** Where a database URL points. */
export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly connectionString: string };

/** Options of {@link openStore}: each engine uses the ones that concern it. */
export interface OpenStoreOptions
  extends Omit<SqliteStoreOptions, 'path'>,
    Omit<PostgresStoreOptions, 'connectionString'> {
  /** Run `migrate()` before returning; default true. */
  readonly migrate?: boolean;
}

/**
 * Parses `sqlite:./data/webhook.db`, `sqlite:/abs/file.db`, `sqlite::memory:`, `postgres://…` or
 * `postgresql://…`. Throws `webhook_store_invalid_url`; the message names only the scheme, never the URL,
 * because a Postgres URL may carry a password.
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.slice('sqlite:'.length);
    if (path === '' || path.startsWith('//')) {
      throw new StoreError(
        StoreErrorCode.InvalidUrl,
        'SQLite URL must be sqlite:<file path> (e.g. sqlite:./data/webhook.db or sqlite:/var/lib/webhook.db) or sqlite::memory:',
      );
    }
    return { engine: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\/./.test(databaseUrl)) return { engine: 'postgres', connectionString: databaseUrl };
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(none)';
  throw new StoreError(
    StoreErrorCode.InvalidUrl,
    `Unsupported database URL scheme ${scheme}: use sqlite:<path>, sqlite::memory:, postgres:// or postgresql://`,
  );
}

/**
 * Opens the store a database URL points to and (unless `migrate: false`) brings its schema up to date.
 *
 * @example
 * const store = await openStore(env.DATABASE_URL); // e.g. 'sqlite:./data/webhook.db'
 * const committer = createGroupCommitter(store);
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  const { migrate = true, ...rest } = options;
  const store =
    target.engine === 'sqlite'
      ? createSqliteStore({ ...rest, path: target.path })
      : createPostgresStore({ ...rest, connectionString: target.connectionString });
  if (!migrate) return store;
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}
