import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

/**
 * Apps are built to runnable ESM (`main`, `cli`); `app` is also exported with types so the demo and the
 * end-to-end suite can start the webhook in-process; `sqlite` gives them the
 * better-sqlite3 build that is safe on the running Node.js; `test-utils/postgres` gives the reliability
 * suite and the benchmarks the same PostgreSQL test server and schemas as the store tests, and
 * `test-utils/tcp-proxy` the proxy both use to cut or blackhole its connections. Dependencies stay
 * external.
 */
export default defineConfig({
  ...baseConfig,
  entry: {
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    app: 'src/app.ts',
    sqlite: 'src/sqlite.ts',
    'test-utils/postgres': 'src/test-utils/postgres.ts',
    'test-utils/tcp-proxy': 'src/test-utils/tcp-proxy.ts',
  },
  publint: false,
});
