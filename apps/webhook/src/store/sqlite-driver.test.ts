import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { loadSqlite, sqliteBuild } from './sqlite-driver.ts';

const require = createRequire(import.meta.url);

describe('loadSqlite', () => {
  test('Node 20 and 21 get the classic 12.x build; Node 22 and later the Node-API 13.x build', () => {
    expect(sqliteBuild('20.19.0')).toBe('classic');
    expect(sqliteBuild('21.7.3')).toBe('classic');
    expect(sqliteBuild('22.0.0')).toBe('napi');
    expect(sqliteBuild('24.21.0')).toBe('napi');
  });

  test('the two builds are the installed 12.x and 13.x packages', () => {
    expect(loadSqlite('20.19.0')).toBe(require('better-sqlite3'));
    expect(loadSqlite('24.21.0')).toBe(require('better-sqlite3-napi'));
    expect(require('better-sqlite3/package.json').version).toMatch(/^12\./);
    expect(require('better-sqlite3-napi/package.json').version).toMatch(/^13\./);
  });

  test('the build chosen for this Node.js opens a database and runs SQL', () => {
    const db = new (loadSqlite())(':memory:');
    try {
      expect(db.prepare('SELECT 40 + 2 AS answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
  });
});
