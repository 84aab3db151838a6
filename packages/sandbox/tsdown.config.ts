import { defineConfig } from 'tsdown';
import { baseConfig } from '../../tsdown.base.ts';

// One entry per job, each a subpath export of package.json (`@ccc-kit/sandbox/ccc`, …), plus the CLI.
export default defineConfig({
  ...baseConfig,
  entry: {
    index: 'src/index.ts',
    'ccc/index': 'src/ccc/index.ts',
    'desk/index': 'src/desk/index.ts',
    'slack/index': 'src/slack/index.ts',
    'dataset/index': 'src/dataset/index.ts',
    'pusher/index': 'src/pusher/index.ts',
    'clock/index': 'src/clock/index.ts',
    cli: 'src/cli.ts',
  },
});
