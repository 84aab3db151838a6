import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

/**
 * Apps are built to runnable ESM; dependencies stay external and are installed by pnpm. `main` is the
 * process entry; `index` exposes `createBotApp` to run the bot in-process (the demo).
 */
export default defineConfig({
  ...baseConfig,
  entry: ['src/main.ts', 'src/index.ts'],
  dts: true,
  publint: false,
});
