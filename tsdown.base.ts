import type { UserConfig } from 'tsdown';

/** Shared tsdown settings: ESM for Node, declarations, nothing bundled from node_modules, publint on build. */
export const baseConfig: UserConfig = {
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  dts: true,
  clean: true,
  publint: true,
  sourcemap: true,
};
