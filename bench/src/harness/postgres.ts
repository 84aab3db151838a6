import { createTestSchema, TEST_DATABASE_URL } from '@ccc-kit/webhook/test-utils/postgres';

/**
 * Creates a fresh schema on the tests' PostgreSQL server (`WEBHOOK_TEST_DATABASE_URL`, default
 * `postgres://postgres@127.0.0.1:5432/test`) and returns a URL whose connections use it as `search_path`,
 * or why PostgreSQL is not usable (the figure is then skipped, never faked).
 */
export async function postgresDatabase(): Promise<
  { url: string; drop(): Promise<void> } | { missing: string }
> {
  try {
    const schema = await createTestSchema('bench');
    // A failed drop must not hide the figure that was just measured.
    return { url: schema.url, drop: () => schema.drop().catch(() => undefined) };
  } catch (error) {
    return {
      missing: `PostgreSQL not reachable at ${new URL(TEST_DATABASE_URL).host}: ${(error as Error).message}`,
    };
  }
}
