import { defineConfig } from 'tsdown';
import { baseConfig } from '../tsdown.base.ts';

/** The runner, plus every script that runs as its own process (servers and the load generator). */
export default defineConfig({
  ...baseConfig,
  entry: {
    cli: 'src/cli.ts',
    'workers/baseline-server': 'src/workers/baseline-server.ts',
    'workers/sqlite-baseline': 'src/workers/sqlite-baseline.ts',
    'workers/postgres-baseline': 'src/workers/postgres-baseline.ts',
    'workers/load': 'src/workers/load.ts',
    'workers/bolt-baseline': 'src/workers/bolt-baseline.ts',
    'workers/slash-sender': 'src/workers/slash-sender.ts',
  },
  dts: false,
  publint: false,
});
