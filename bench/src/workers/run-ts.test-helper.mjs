// Runs a worker from its TypeScript source as its own process, so the tests need no build of bench:
// `node run-ts.test-helper.mjs <worker.ts> <worker's arguments…>`. The worker sees its own arguments at
// process.argv[2…], as when it runs built.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

// The webhook's own hooks (types erased with the TypeScript compiler), shared rather than copied.
register('@ccc-kit/webhook/test-utils/strip-types-hooks', import.meta.url);
const [script] = process.argv.splice(2, 1);
if (!script) throw new Error('usage: run-ts.test-helper.mjs <script.ts> [args…]');
await import(pathToFileURL(script).href);
