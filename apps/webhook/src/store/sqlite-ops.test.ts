import { describe, expect, test } from 'vitest';
import { isStoreError } from './errors.ts';
import { loadSqlite } from './sqlite-driver.ts';
import { createSqliteSql } from './sqlite-ops.ts';

function withTable() {
  const db = new (loadSqlite())(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT NOT NULL UNIQUE, v INTEGER)');
  return { db, sql: createSqliteSql(db) };
}
const INSERT = 'INSERT INTO t (k, v) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id';

describe('createSqliteSql().insert', () => {
  test('gives the id RETURNING would have given, and undefined when ON CONFLICT inserted nothing', () => {
    const { db, sql } = withTable();
    const ids = [sql.insert(INSERT, 'a', 1), sql.insert(INSERT, 'b', 2)];
    // The conflict must not report the previous insert's rowid as if it were this row's.
    expect(sql.insert(INSERT, 'a', 3)).toBeUndefined();
    ids.push(sql.get(INSERT, 'c', 4)?.id as number, sql.insert(INSERT, 'd', 5));
    expect(sql.all('SELECT id, k, v FROM t ORDER BY id')).toEqual([
      { id: ids[0], k: 'a', v: 1 },
      { id: ids[1], k: 'b', v: 2 },
      { id: ids[2], k: 'c', v: 4 },
      { id: ids[3], k: 'd', v: 5 },
    ]);
    expect(new Set(ids).size).toBe(4);
    db.close();
  });

  test('refuses a statement that does not end in RETURNING id, instead of guessing an id', () => {
    const { db, sql } = withTable();
    const attempt = () => sql.insert('INSERT INTO t (k, v) VALUES ($1, $2)', 'a', 1);
    expect(attempt).toThrow(/needs a statement ending in RETURNING id/);
    try {
      attempt();
    } catch (error) {
      expect(isStoreError(error)).toBe(true);
    }
    expect(sql.all('SELECT * FROM t')).toEqual([]);
    db.close();
  });
});
