import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

/** One runnable file, `dist/demo.mjs` (Node 20 cannot run TypeScript); dependencies stay external. */
export default defineConfig({ ...baseConfig, entry: { demo: 'src/main.ts' }, dts: false, publint: false });
