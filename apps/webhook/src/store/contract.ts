import { afterEach, describe } from 'vitest';
import { describeAttemptsContract } from './contract-attempts.ts';
import { describeBatchesContract } from './contract-batches.ts';
import { describeCommitLimitsContract } from './contract-commit-limits.ts';
import { describeDigestsContract } from './contract-digests.ts';
import type { MakeStore, StoreUnderTest } from './contract-fixtures.ts';
import { describeFollowUpOrderContract } from './contract-follow-up-order.ts';
import { describeFollowUpReachContract } from './contract-follow-up-reach.ts';
import { describeFollowUpsContract } from './contract-follow-ups.ts';
import { describeGroupCommitContract } from './contract-group-commit.ts';
import { describeIngestContract } from './contract-ingest.ts';
import { describeMaintenanceContract } from './contract-maintenance.ts';
import { describeOutboxContract } from './contract-outbox.ts';
import { describeQuarantineContract } from './contract-quarantine.ts';
import { describeRetentionContract } from './contract-retention.ts';
import { describeThreadsContract } from './contract-threads.ts';
import type { Store } from './types.ts';

export type { MakeStore, StoreUnderTest } from './contract-fixtures.ts';

/**
 * The behaviour every `Store` engine must have. Each engine's test file calls it with a factory that opens
 * a migrated store on a fresh database; every store the tests open is closed after each test.
 *
 * @example
 * describeStoreContract('sqlite', async (options) => makeSqliteUnderTest(options));
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`Store contract: ${name}`, () => {
    const opened: Store[] = [];
    const open: MakeStore = async (options) => {
      const underTest = await makeStore(options);
      opened.push(underTest.store);
      return {
        ...underTest,
        reopen: async (): Promise<Store> => {
          const store = await underTest.reopen();
          opened.push(store);
          return store;
        },
      } satisfies StoreUnderTest;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describeIngestContract(open);
    describeThreadsContract(open);
    describeBatchesContract(open);
    describeOutboxContract(open);
    describeAttemptsContract(open);
    describeMaintenanceContract(open);
    describeDigestsContract(open);
    describeQuarantineContract(open);
    describeRetentionContract(open);
    describeGroupCommitContract(open);
    describeCommitLimitsContract(open);
    describeFollowUpsContract(open);
    describeFollowUpReachContract(open);
    describeFollowUpOrderContract(open);
  });
}
