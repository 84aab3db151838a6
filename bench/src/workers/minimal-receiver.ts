import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// The HTTP half of the two minimal durable baselines (sqlite-baseline.ts, postgres-baseline.ts): read the
// body, JSON.parse it, take the push id, queue the push for the next group commit, and answer only once
// that commit has returned. Nothing else: no auth, routing, validation, logging or metrics. The storage
// half is the engine's `CommitBatch`.

/** One push as a minimal baseline stores it. */
export interface MinimalPush {
  /** `X-TCCC-PUSH-UUID`, or the body's `SessionId` when the header is missing: the dedupe key. */
  readonly pushId: string;
  readonly sessionId: string;
  /** The `action` query parameter (`cdr`, …): stored, not used. */
  readonly kind: string;
  /** The raw body, as received. */
  readonly body: string;
  /** Epoch ms when the body was read; also the outbox row's `next_at`. */
  readonly receivedAt: number;
}

/**
 * Stores a batch in one durable transaction and resolves once it is committed, with one flag per push in
 * order: true when stored now, false when its push id was already stored (a duplicate). Rejects when
 * nothing of the batch was stored.
 */
export type CommitBatch = (pushes: readonly MinimalPush[]) => Promise<readonly boolean[]>;

/** Options of {@link serveMinimal}. */
export interface MinimalReceiverOptions {
  readonly port: number;
  readonly commit: CommitBatch;
  /** Batches committing at once: 1 for SQLite (one writer), a few for PostgreSQL (see its worker). */
  readonly inFlight: number;
  /** Closes the database once the server has closed (SIGTERM). */
  readonly close: () => Promise<void> | void;
}

interface Waiter {
  readonly push: MinimalPush;
  readonly res: ServerResponse;
}

const HEADERS = { 'content-type': 'application/json; charset=utf-8' };
// The webhook's own answers, so both sides send the same bytes.
const ACK = JSON.stringify({ ErrCode: 0, ErrMsg: '' });
const DUPLICATE = JSON.stringify({ ErrCode: 0, ErrMsg: 'duplicate' });

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, message: string): void =>
  answer(res, status, JSON.stringify({ ErrCode: status, ErrMsg: message }));

/** The push in a request, or why there is none (answered 400). */
function pushOf(req: IncomingMessage, body: string): MinimalPush | string {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  const sessionId = (payload as { SessionId?: unknown } | null)?.SessionId;
  if (typeof sessionId !== 'string' || sessionId === '') return 'no SessionId';
  const header = req.headers['x-tccc-push-uuid'];
  const pushId = typeof header === 'string' && header !== '' ? header : sessionId;
  const kind = /[?&]action=([^&]*)/.exec(req.url ?? '')?.[1] ?? 'cdr';
  return { pushId, sessionId, kind, body, receivedAt: Date.now() };
}

/**
 * Group commit: pushes read while a batch commits wait in `queue`; the next batch takes all of them, so one
 * fsync acknowledges many pushes. `setImmediate` runs after this turn's I/O callbacks, so every request
 * parsed in the same turn joins the batch (the webhook's committer does the same).
 */
function groupCommitter(options: MinimalReceiverOptions): (waiter: Waiter) => void {
  const queue: Waiter[] = [];
  let running = 0;
  let scheduled = false;
  const kick = (): void => {
    if (scheduled || running >= options.inFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(commitNext);
  };
  const commitNext = async (): Promise<void> => {
    scheduled = false;
    const batch = queue.splice(0);
    running += 1;
    try {
      const stored = await options.commit(batch.map((waiter) => waiter.push));
      batch.forEach((waiter, i) => {
        answer(waiter.res, 200, stored[i] ? ACK : DUPLICATE);
      });
    } catch (error) {
      // Not stored, so not acked: Tencent would retry a 503.
      process.stderr.write(`commit failed: ${(error as Error).message}\n`);
      for (const waiter of batch) refuse(waiter.res, 503, 'store unavailable');
    } finally {
      running -= 1;
      kick();
    }
  };
  return (waiter) => {
    queue.push(waiter);
    kick();
  };
}

/**
 * Starts the receiver on 127.0.0.1:`port`. `GET` anything answers 200 (the harness's readiness probe);
 * `POST` is a push. SIGTERM closes the server, then the database, then exits.
 */
export function serveMinimal(options: MinimalReceiverOptions): Server {
  const submit = groupCommitter(options);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return answer(res, 200, ACK);
      const push = pushOf(req, Buffer.concat(chunks).toString('utf8'));
      if (typeof push === 'string') return refuse(res, 400, push);
      submit({ push, res });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(options.port, '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(async () => {
      await options.close();
      process.exit(0);
    });
  });
  return server;
}
