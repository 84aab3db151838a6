import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

export default defineConfig({
  ...baseConfig,
  entry: { index: 'src/index.ts', 'fixtures/index': 'src/fixtures/index.ts' },
});
