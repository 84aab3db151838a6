import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      // Reliability scenarios kill processes, saturate the CPU and measure latencies: running two files at
      // once on a 2-core machine would make them measure each other.
      fileParallelism: false,
      globalSetup: ['src/reliability/test-utils/summary.global.ts'],
    },
  }),
);
