import { loadSqlite } from '@ccc-kit/webhook/sqlite';
import { type MinimalPush, serveMinimal } from './minimal-receiver.ts';

// The minimal durable SQLite receiver, the baseline of the `ingest` figure: the fastest honest server we
// could write for the webhook's guarantee (a push is acked only after it is committed and fsync'd). It does
// the same durable work and nothing more: JSON.parse, dedupe by push id, one inbox row and one outbox row
// per push, group commit in WAL mode with synchronous=FULL (one fsync of the WAL per batch), then answer.
// It has no auth, routing, validation, quarantine, metrics or relay. Usage: node sqlite-baseline.mjs <port> <file>

/** The one channel every outbox row goes to: no routing. */
const CHANNEL = 'C0CALLS';

// The outbox has the one index a relay needs to find due rows; without it the outbox would be write-only.
// No foreign key: both rows are written in the same transaction, so it could never fail here.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS inbox (
    id INTEGER PRIMARY KEY,
    push_id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    inbox_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    next_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_at) WHERE state = 'pending';`;

/**
 * Opens (or creates) the database and returns the batch commit: one transaction, one `INSERT … ON
 * CONFLICT (push_id) DO NOTHING` per push and its outbox row when it was new.
 */
function openStore(path: string): {
  commit: (pushes: readonly MinimalPush[]) => boolean[];
  close: () => void;
} {
  const Database = loadSqlite();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is fsync'd at every commit, so a commit that returned survives a power cut (NORMAL would not).
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insertInbox = db.prepare(
    `INSERT INTO inbox (push_id, session_id, kind, body, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (push_id) DO NOTHING`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (inbox_id, channel, state, next_at) VALUES (?, '${CHANNEL}', 'pending', ?)`,
  );
  // better-sqlite3 runs the function between BEGIN and COMMIT; a throw rolls the whole batch back.
  const commit = db.transaction((pushes: readonly MinimalPush[]): boolean[] =>
    pushes.map((p) => {
      const inserted = insertInbox.run(p.pushId, p.sessionId, p.kind, p.body, p.receivedAt);
      if (inserted.changes === 0) return false;
      insertOutbox.run(inserted.lastInsertRowid, p.receivedAt);
      return true;
    }),
  );
  return { commit: (pushes) => commit(pushes), close: () => db.close() };
}

const store = openStore(process.argv[3] ?? 'minimal-baseline.db');
serveMinimal({
  port: Number(process.argv[2] ?? 0),
  // Synchronous, like the webhook's SQLite store: the commit blocks this process's only thread, so requests
  // that arrive meanwhile wait in the socket buffers and form the next batch. One batch at a time: SQLite
  // has one writer.
  commit: async (pushes) => store.commit(pushes),
  inFlight: 1,
  close: store.close,
});
