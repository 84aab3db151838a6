// Child process of the SQLite crash test: ingests through the real store and group committer, and prints
// each dedupe key only after its commit resolved (= the moment the HTTP layer would ack). The parent
// SIGKILLs it mid-stream and checks that every printed key is in the database.
import { register } from 'node:module';

register('./strip-types-hooks.test-helper.mjs', import.meta.url);
const { createSqliteStore } = await import('./sqlite-store.ts');
const { createGroupCommitter } = await import('./group-commit.ts');

const store = createSqliteStore({ path: process.argv[2] });
await store.migrate();
const committer = createGroupCommitter(store);
let next = 0;

const item = () => {
  const sessionId = `crash-${next++}`;
  return {
    kind: 'cdr',
    dedupeKey: `cdr:${sessionId}`,
    sessionId,
    pushId: `uuid-${sessionId}`,
    source: 'push',
    body: JSON.stringify({ SessionId: sessionId, Padding: 'x'.repeat(2_000) }),
    receivedAt: Date.now(),
    deliveries: [{ channel: 'C1' }, { channel: 'C2' }],
  };
};

// Several "connections" keep pushing, like concurrent HTTP requests, so commits carry real batches.
async function pushForever() {
  for (;;) {
    const pushed = item();
    await committer.submit(pushed);
    process.stdout.write(`${pushed.dedupeKey}\n`);
  }
}
process.stdout.write('ready\n');
await Promise.all(Array.from({ length: 64 }, pushForever));
