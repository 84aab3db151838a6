import { join } from 'node:path';
import { SERVER_CPU } from './cpu.ts';
import { DIST_DIR } from './load.ts';
import { freePort, type Service, startInTempDir, startService } from './processes.ts';

/**
 * Starts the minimal durable SQLite receiver (`workers/sqlite-baseline.ts`) on a fresh database file in a
 * temporary folder (on the same file system as the webhook's), pinned to the server core. Stopping it
 * removes the folder.
 */
export function startSqliteBaseline(): Promise<Service> {
  return startInTempDir('ccc-bench-sqlite-baseline-', (dir) =>
    startMinimal('sqlite-baseline', [join(dir, 'baseline.db')]),
  );
}

/**
 * Starts the minimal durable PostgreSQL receiver (`workers/postgres-baseline.ts`) on `databaseUrl`, whose
 * `search_path` names a schema of its own (it creates its tables there; the caller drops the schema),
 * pinned to the server core.
 */
export function startPostgresBaseline(databaseUrl: string): Promise<Service> {
  return startMinimal('postgres-baseline', [databaseUrl]);
}

async function startMinimal(worker: string, args: readonly string[]): Promise<Service> {
  const port = await freePort();
  return startService({
    name: worker,
    script: join(DIST_DIR, 'workers', `${worker}.mjs`),
    args: [String(port), ...args],
    cpu: SERVER_CPU,
    port,
    readyPath: '/',
  });
}
