import { loadSqlite } from '@ccc-kit/webhook/sqlite';
import pg from 'pg';

/** An inbox row as the suite checks it (columns documented in apps/webhook/README.md, "Tables"). */
export interface InboxEntry {
  readonly pushId: string | null;
  readonly dedupeKey: string;
  readonly kind: string;
  readonly sessionId: string;
  readonly source: string;
}

/** An outbox row as the suite checks it. */
export interface OutboxEntry {
  readonly id: number;
  /** `post`, `reply`, or `update` (a chat.update of the post `parent_id` names). */
  readonly kind: string;
  /** What the message is about: the inbox row's kind (`cdr`, `imcdr`, `record`, `voicemail`). */
  readonly inboxKind: string;
  readonly channel: string;
  readonly sessionId: string;
  readonly state: 'pending' | 'sending' | 'sent' | 'dead';
  readonly slackTs: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** A quarantined (refused) push as the suite checks it. */
export interface QuarantineEntry {
  readonly pushId: string | null;
  readonly query: string;
  readonly reasonCode: string;
}

/** Reads the webhook's tables from outside the process, as an operator would. */
export interface StoreReader {
  inbox(): Promise<InboxEntry[]>;
  outbox(): Promise<OutboxEntry[]>;
  quarantine(): Promise<QuarantineEntry[]>;
  /** Outbox rows by state, counted by the database (cheap on large tables). */
  stateCounts(): Promise<Record<OutboxEntry['state'], number>>;
  close(): Promise<void>;
}

const INBOX = 'SELECT push_id, dedupe_key, kind, session_id, source FROM inbox ORDER BY id';
const OUTBOX = `SELECT o.id, o.kind, i.kind AS inbox_kind, o.channel, o.session_id, o.state, o.slack_ts,
  o.attempts, o.last_error FROM outbox o JOIN inbox i ON i.id = o.inbox_id ORDER BY o.id`;

const QUARANTINE = 'SELECT push_id, query, reason_code FROM quarantine ORDER BY id';
const STATES = 'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state';
const toCounts = (rows: Row[]): Record<OutboxEntry['state'], number> => {
  const counts = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const row of rows) counts[row.state as OutboxEntry['state']] = Number(row.n);
  return counts;
};

type Row = Record<string, unknown>;
const quarantineEntry = (r: Row): QuarantineEntry => ({
  pushId: (r.push_id as string | null) ?? null,
  query: String(r.query ?? ''),
  reasonCode: String(r.reason_code),
});
const inboxEntry = (r: Row): InboxEntry => ({
  pushId: (r.push_id as string | null) ?? null,
  dedupeKey: r.dedupe_key as string,
  kind: r.kind as string,
  sessionId: r.session_id as string,
  source: r.source as string,
});
const outboxEntry = (r: Row): OutboxEntry => ({
  id: Number(r.id),
  kind: r.kind as string,
  inboxKind: r.inbox_kind as string,
  channel: r.channel as string,
  sessionId: r.session_id as string,
  state: r.state as OutboxEntry['state'],
  slackTs: (r.slack_ts as string | null) ?? null,
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
});

/** Opens a second, read-only connection to the webhook's SQLite file (WAL allows it while the webhook writes). */
export function sqliteReader(path: string): StoreReader {
  const db = new (loadSqlite())(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // Prepared once: the suite polls these every 200 ms.
  const query = (sql: string): (() => Row[]) => {
    const statement = db.prepare(sql);
    return () => statement.all() as Row[];
  };
  const [inbox, outbox, quarantine, states] = [query(INBOX), query(OUTBOX), query(QUARANTINE), query(STATES)];
  return {
    inbox: async () => inbox().map(inboxEntry),
    outbox: async () => outbox().map(outboxEntry),
    quarantine: async () => quarantine().map(quarantineEntry),
    stateCounts: async () => toCounts(states()),
    close: async () => void db.close(),
  };
}

/** Reads a Postgres schema directly (not through any proxy the test may cut). */
export function postgresReader(connectionString: string): StoreReader {
  const pool = new pg.Pool({ connectionString, max: 1 });
  return {
    inbox: async () => (await pool.query(INBOX)).rows.map(inboxEntry),
    outbox: async () => (await pool.query(OUTBOX)).rows.map(outboxEntry),
    quarantine: async () => (await pool.query(QUARANTINE)).rows.map(quarantineEntry),
    stateCounts: async () => toCounts((await pool.query(STATES)).rows),
    close: () => pool.end(),
  };
}

/** Polls until no outbox row is pending or sending (or throws after `timeoutMs`); returns the rows. */
export async function waitForDrain(reader: StoreReader, timeoutMs: number): Promise<OutboxEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { pending, sending } = await reader.stateCounts();
    if (pending + sending === 0) return reader.outbox();
    if (Date.now() > deadline)
      throw new Error(`outbox not drained after ${timeoutMs} ms: ${pending} pending, ${sending} sending`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
