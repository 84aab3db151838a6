import { type DatasetAgent, DEFAULT_AGENTS } from '../../dataset/catalog.ts';
import { generateDataset } from '../../dataset/generate.ts';
import type { GeneratedDataset } from '../../dataset/types.ts';
import { type CccEmulator, type CccEmulatorOptions, startCccEmulator } from '../emulator.ts';
import { TEST_SDK_APP_ID } from './calls.ts';
import { createSignedCaller, type SignedCall } from './signed-fetch.ts';

export type { SignedCall } from './signed-fetch.ts';

/** The key pair the emulator tests sign with. */
export const TEST_CREDENTIALS = { secretId: 'AKIDsandboxTEST', secretKey: 'sandbox-secret-key' } as const;

/** Options of {@link startTestEmulator}: the emulator's, with the test key pair and app id filled in. */
export interface TestEmulatorOptions extends Omit<CccEmulatorOptions, 'credentials' | 'sdkAppId' | 'now'> {
  /** The clock of the emulator and of the signer alike (Unix ms). */
  readonly now: () => number;
}

/**
 * Starts a CCC emulator with the test key pair and app id, and a caller that signs with the same clock.
 * `ratePerAction` defaults to 10,000: the rate limit has tests of its own, the others are about the actions.
 *
 * @example
 * beforeAll(async () => ({ ccc, call } = await startTestEmulator({ dataset, now: () => NOW })));
 * afterAll(() => ccc.stop());
 */
export async function startTestEmulator(
  options: TestEmulatorOptions,
): Promise<{ readonly ccc: CccEmulator; readonly call: SignedCall }> {
  const ccc = await startCccEmulator({
    ratePerAction: 10_000,
    ...options,
    credentials: [TEST_CREDENTIALS],
    sdkAppId: TEST_SDK_APP_ID,
  });
  return { ccc, call: createSignedCaller(ccc.url, TEST_CREDENTIALS, options.now) };
}

/** `NOW` of the tests that use {@link agentsDataset}: 08:00 UTC on 2025-06-01 (Unix s). */
export const AGENTS_NOW: number = Date.UTC(2025, 5, 1, 8, 0, 0) / 1000;
/** 00:00 UTC the day before {@link AGENTS_NOW}'s yesterday: the dataset's day (Unix s). */
export const AGENTS_START: number = Date.UTC(2025, 4, 30) / 1000;
/** An agent with no mobile bound, so no callback can be placed for them. */
export const NO_PHONE_AGENT: DatasetAgent = {
  mail: 'no.phone@example.com',
  name: 'No Phone',
  staffNumber: '1999',
  skillGroups: ['Support'],
};

/** The default agents plus {@link NO_PHONE_AGENT}, with 5 calls and 2 chats on {@link AGENTS_START}'s day. */
export const agentsDataset = (): GeneratedDataset =>
  generateDataset({
    seed: 11,
    start: AGENTS_START,
    calls: 5,
    chats: 2,
    agents: [...DEFAULT_AGENTS, NO_PHONE_AGENT],
    sdkAppId: TEST_SDK_APP_ID,
  });
