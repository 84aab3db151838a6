import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { describeStoreContract, type MakeStore } from './contract.ts';
import { cdr } from './contract-fixtures.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';

const Database = loadSqlite();

const dir = mkdtempSync(join(tmpdir(), 'webhook-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const makeSqlite: MakeStore = async (options = {}) => {
  const settings: SqliteStoreOptions = {
    ...options,
    path: join(dir, `contract-${++files}.db`),
    busyTimeoutMs: 200,
  };
  const store = createSqliteStore(settings);
  expect(await store.migrate()).toEqual({ applied: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], current: 12 });
  return {
    store,
    reopen: async () => createSqliteStore(settings),
    blockWrites: async () => {
      const other = new Database(settings.path);
      other.exec('BEGIN EXCLUSIVE');
      return async () => {
        other.exec('ROLLBACK');
        other.close();
      };
    },
  };
};

describeStoreContract('sqlite', makeSqlite);

describe('sqlite store', () => {
  test('creates missing parent folders and puts the file in WAL mode', async () => {
    const path = join(dir, 'nested', 'deeper', 'webhook.db');
    const store = createSqliteStore({ path, synchronous: 'normal' });
    await store.migrate();
    await store.ingest([cdr('s1', ['C1'])]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  test('every key acked before a SIGKILL mid-ingest is in the database afterwards', async () => {
    const path = join(dir, 'crash.db');
    const childScript = fileURLToPath(new URL('./crash-child.test-helper.mjs', import.meta.url));
    const child = spawn(process.execPath, [childScript, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      acked.push(...lines.filter((line) => line.startsWith('cdr:')));
      // Killed on an ack count, not a timer: the child is busy committing when the signal lands.
      if (acked.length >= 3_000 && child.signalCode === null) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, sig) => resolve(sig)),
    );
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    const store = createSqliteStore({ path });
    const stored = new Set((await store.listInbox({ limit: 1_000_000 })).map((row) => row.dedupeKey));
    await store.close();
    expect(acked.length).toBeGreaterThanOrEqual(3_000);
    expect(acked.filter((key) => !stored.has(key))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acked.length);
    const raw = new Database(path);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
