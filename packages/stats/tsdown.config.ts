import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

// Two entry points: the metrics (pure, no dependencies beyond cdr-parser's types) and the charts
// (`@ccc-kit/stats/charts`), so a consumer that only counts never loads the chart renderer.
export default defineConfig({ ...baseConfig, entry: ['src/index.ts', 'src/charts.ts'] });
