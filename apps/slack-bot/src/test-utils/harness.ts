import { type CccClient, createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient, type DeskClient } from '@ccc-kit/desk-client';
import { type CccEmulator, startCccEmulator } from '@ccc-kit/sandbox/ccc';
import type { Dataset } from '@ccc-kit/sandbox/dataset';
import { type DeskEmulator, startDeskEmulator } from '@ccc-kit/sandbox/desk';
import {
  type InteractionOptions,
  type SignedRequestResult,
  type SlackEmulator,
  type SlackResponseRecord,
  type SlashCommandOptions,
  startSlackEmulator,
} from '@ccc-kit/sandbox/slack';
import { type BotApp, type BotAppOptions, createBotApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { CCC_APP, CCC_CREDENTIALS, DESK_APP, DESK_KEY } from './fixtures.ts';

// Test-only: the bot on a free port, wired to the sandbox's Slack, CCC and Desk emulators over real HTTP.

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  readonly dataset: Dataset;
  /** Leave a backend unconfigured (default: both configured). */
  readonly ccc?: boolean;
  readonly desk?: boolean;
  readonly bot?: Partial<Omit<BotAppOptions, 'slack' | 'logger' | 'ccc' | 'desk'>>;
  /** `fetch` of the Desk client (default: the global one), e.g. one that reorders Desk's answers. */
  readonly deskFetch?: typeof fetch;
  /** `fetch` of the CCC client (default: the global one), e.g. one that records request bodies. */
  readonly cccFetch?: typeof fetch;
}

/** A running bot and its emulators. */
export interface Harness {
  readonly slack: SlackEmulator;
  readonly cccEmulator: CccEmulator;
  readonly deskEmulator: DeskEmulator;
  readonly bot: BotApp;
  readonly url: string;
  /** Every log line the bot wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  /** Sends `/ccc <text>` (signed, like Slack). */
  command(text: string, options?: Partial<SlashCommandOptions>): Promise<SignedRequestResult>;
  /** Sends a signed interaction. */
  interact(options: Omit<InteractionOptions, 'url'>): Promise<SignedRequestResult>;
  /** Waits until the response URL got `count` replies and returns them all. */
  replies(result: SignedRequestResult, count?: number): Promise<readonly SlackResponseRecord[]>;
  /**
   * The answer to a `/ccc` lookup: the second reply on its response URL, after the "Looking up…" note
   * (checked to be first and alone before it).
   */
  answer(result: SignedRequestResult): Promise<SlackResponseRecord>;
  stop(): Promise<void>;
}

/** Polls `read` until it returns a value (or throws after `timeoutMs`). */
export async function waitFor<T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts the three emulators and the bot. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { dataset } = options;
  const slack = await startSlackEmulator({ ratePerChannel: Number.POSITIVE_INFINITY });
  const cccEmulator = await startCccEmulator({ dataset, credentials: [CCC_CREDENTIALS], sdkAppId: CCC_APP });
  const deskEmulator = await startDeskEmulator({ dataset, sdkAppId: DESK_APP, secretKey: DESK_KEY });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const ccc: CccClient | undefined =
    options.ccc === false
      ? undefined
      : createCccClient({
          sdkAppId: CCC_APP,
          ...CCC_CREDENTIALS,
          endpoint: cccEmulator.url,
          retry: false,
          ...(options.cccFetch ? { fetch: options.cccFetch } : {}),
        });
  const desk: DeskClient | undefined =
    options.desk === false
      ? undefined
      : createDeskClient({
          sdkAppId: DESK_APP,
          adminUserId: 'administrator',
          secretKey: DESK_KEY,
          endpoint: deskEmulator.url,
          retry: 0,
          ...(options.deskFetch ? { fetch: options.deskFetch } : {}),
        });
  const bot = createBotApp({
    slack: { token: slack.token, signingSecret: slack.signingSecret, apiUrl: slack.apiUrl },
    ccc,
    desk,
    logger,
    host: '127.0.0.1',
    ...options.bot,
  });
  const { url } = await bot.start(0);
  const events = `${url}/slack/events`;
  const replies = (result: SignedRequestResult, count = 1) =>
    waitFor(() => {
      const all = slack.responses(result.responseUrl);
      return all.length >= count ? all : undefined;
    });
  return {
    slack,
    cccEmulator,
    deskEmulator,
    bot,
    url,
    logs,
    command: (text, extra) => slack.sendSlashCommand({ url: events, command: '/ccc', text, ...extra }),
    interact: (interaction) => slack.sendInteraction({ url: events, ...interaction }),
    replies,
    async answer(result) {
      const [note, answer] = await replies(result, 2);
      if (!note?.text?.startsWith(':mag: Looking up') || !answer)
        throw new Error(`not a lookup's note and answer: ${JSON.stringify([note?.text, answer?.text])}`);
      return answer;
    },
    async stop() {
      // Every reply must have been accepted (valid blocks, within the response URL's 5 uses).
      const refused = slack.responses().filter((r) => r.status !== 200);
      await bot.stop();
      await Promise.all([slack.stop(), cccEmulator.stop(), deskEmulator.stop()]);
      if (refused.length > 0)
        throw new Error(`Slack refused replies: ${JSON.stringify(refused.map((r) => r.error))}`);
    },
  };
}
