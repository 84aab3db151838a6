import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

/**
 * Apps are built to runnable ESM (`main`, `cli`); `app` is also exported with types so the demo and the
 * end-to-end suite can start the webhook in-process; `sqlite` gives them the
 * better-sqlite3 build that is safe on the running Node.js. Dependencies stay external.
 */
export default defineConfig({
  ...baseConfig,
  entry: ['src/main.ts', 'src/cli.ts', 'src/app.ts', 'src/sqlite.ts'],
  publint: false,
});
