import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 `Database` constructor (both builds share the 12.x API and types). */
export type SqliteDatabaseConstructor = typeof BetterSqlite3;

const require = createRequire(import.meta.url);

/** Which better-sqlite3 build this Node.js runs: `napi` (13.x) from Node 22, `classic` (12.x) before. */
export const sqliteBuild = (nodeVersion = process.versions.node): 'napi' | 'classic' =>
  Number(nodeVersion.split('.')[0]) >= 22 ? 'napi' : 'classic';

/**
 * Loads the better-sqlite3 build that is safe on the running Node.js.
 *
 * Why two builds: 12.x derives its objects from Node's raw `ObjectWrap`, whose destructor on Node 24.19+
 * aborts the process (`Assertion failed: (env) != nullptr`) when the GC finalizes a statement outside a
 * JS context — seen here as a SIGABRT in the end-to-end suite. 13.x (Node-API, prebuilt) fixes that but
 * needs Node 22 and crashes on Node 20. So Node 20 gets 12.x and every later Node gets 13.x.
 *
 * @example
 * const Database = loadSqlite();
 * const db = new Database('/var/lib/ccc-webhook/webhook.db');
 */
export function loadSqlite(nodeVersion?: string): SqliteDatabaseConstructor {
  return sqliteBuild(nodeVersion) === 'napi'
    ? (require('better-sqlite3-napi') as SqliteDatabaseConstructor)
    : (require('better-sqlite3') as SqliteDatabaseConstructor);
}
