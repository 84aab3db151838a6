import { defineConfig } from 'vitest/config';

/** Settings every package's vitest.config.ts starts from. */
export const sharedTestConfig: ReturnType<typeof defineConfig> = defineConfig({
  test: {
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
