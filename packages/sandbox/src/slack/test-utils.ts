import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from './emulator-types.ts';

// WebClient logs every platform error; the tests assert on them instead.
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A WebClient pointed at the emulator, without retries or log noise (test helper). */
export function emulatorClient(
  slack: SlackEmulator,
  options: WebClientOptions = {},
  token?: string,
): WebClient {
  return new WebClient(token ?? slack.token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silent,
    ...options,
  });
}

/** Resolves with the rejection of `call` (fails the test when it resolves). */
export async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}
