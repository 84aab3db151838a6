export { loadSqlite, type SqliteDatabaseConstructor, sqliteBuild } from './store/sqlite-driver.ts';
