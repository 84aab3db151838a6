import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cdr } from './contract-fixtures.ts';
import { isStoreError } from './errors.ts';
import { openStore, parseDatabaseUrl } from './open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'webhook-open-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseDatabaseUrl', () => {
  test('understands the SQLite and Postgres forms', () => {
    expect(parseDatabaseUrl('sqlite:./data/webhook.db')).toEqual({
      engine: 'sqlite',
      path: './data/webhook.db',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/webhook.db')).toEqual({
      engine: 'sqlite',
      path: '/var/lib/webhook.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ engine: 'sqlite', path: ':memory:' });
    for (const url of ['postgres://u:p@db:5432/app', 'postgresql://db/app?sslmode=require']) {
      expect(parseDatabaseUrl(url)).toEqual({ engine: 'postgres', connectionString: url });
    }
  });

  test.each([
    ['mysql://root:hunter2@db/app', 'mysql:'],
    ['sqlite:', 'sqlite:<file path>'],
    ['sqlite:///tmp/x.db', 'sqlite:<file path>'],
    ['postgres://', 'postgres:'],
    ['./data/webhook.db', '(none)'],
  ])('refuses %s with webhook_store_invalid_url and no secrets in the message', (url, hint) => {
    const error = (() => {
      try {
        parseDatabaseUrl(url);
      } catch (e) {
        return e;
      }
    })();
    expect(isStoreError(error) && error.code).toBe('webhook_store_invalid_url');
    expect(String((error as Error).message)).toContain(hint);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});

describe('openStore', () => {
  test('opens and migrates an in-memory SQLite store', async () => {
    const store = await openStore('sqlite::memory:');
    expect(store.engine).toBe('sqlite');
    expect(await store.ingest([cdr('s1', ['C1'])])).toEqual(['stored']);
    expect(await store.migrate()).toEqual({ applied: [], current: 12 });
    await store.close();
  });

  test('opens a SQLite file, and leaves migration to the caller with migrate: false', async () => {
    const path = join(dir, 'sub', 'webhook.db');
    const unmigrated = await openStore(`sqlite:${path}`, { migrate: false });
    expect(await unmigrated.migrate()).toEqual({
      applied: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      current: 12,
    });
    await unmigrated.close();
    const store = await openStore(`sqlite:${path}`);
    expect((await store.stats()).inbox).toBe(0);
    await store.close();
  });

  test('a path that cannot be opened fails webhook_store_unavailable', async () => {
    const error = await openStore(`sqlite:${dir}`).catch((e: unknown) => e);
    expect(isStoreError(error) && error.code).toBe('webhook_store_unavailable');
  });
});
