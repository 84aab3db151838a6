import { createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient } from '@ccc-kit/desk-client';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { WebClient } from '@slack/web-api';
import { createAccess } from '../access.ts';
import type { SearchWindow } from '../commands/window.ts';
import type { BotDeps, Invocation, Reply } from '../deps.ts';
import { createIdentityCache } from '../identity.ts';
import { createLogger, toBoltLogger } from '../logger.ts';

// Test-only: the handlers called directly, without Bolt or HTTP into the bot, on the real Tencent and Slack
// clients talking to the sandbox's emulators. Much faster than the harness, and the inputs are plain values.

/** The sandbox and the `BotDeps` of a bot wired to it. */
export interface DirectBot {
  /** The emulators (`ccc`, `desk`, `slack`) and the generated `dataset` they serve. */
  readonly sandbox: Sandbox;
  /** Every log line written through the deps' logger, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The deps' fixed clock, Unix milliseconds (the dataset's day is yesterday). */
  readonly nowMs: number;
  /** Both backends configured, nobody restricted; `overrides` replace fields (e.g. `{ ccc: undefined }`). */
  deps(overrides?: Partial<BotDeps>): BotDeps;
  stop(): Promise<void>;
}

/** Starts the sandbox (free ports, seed 1) and builds the deps the bot would build on it. */
export async function startDirect(): Promise<DirectBot> {
  // No Slack rate limit: the tests upload transcripts back to back, which is not what they are about.
  const sandbox = await startSandbox({ slack: { ratePerChannel: Number.POSITIVE_INFINITY } });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const { ccc, desk, slack } = sandbox.credentials;
  const web = new WebClient(slack.token, {
    slackApiUrl: sandbox.slackApiUrl,
    logger: toBoltLogger(logger),
    retryConfig: { retries: 0 },
  });
  const identity = createIdentityCache(web);
  await identity.resolve();
  const nowMs = Date.now();
  const base: BotDeps = {
    ccc: createCccClient({ ...ccc, endpoint: sandbox.cccUrl, retry: false }),
    desk: createDeskClient({ ...desk, endpoint: sandbox.deskUrl, retry: 0 }),
    slack: web,
    logger,
    now: () => nowMs,
    timeZone: 'UTC',
    access: createAccess({ logger }),
    followUps: undefined,
    botName: () => identity.current()?.name ?? 'ccc',
  };
  return {
    sandbox,
    logs,
    nowMs,
    deps: (overrides = {}) => ({ ...base, ...overrides }),
    stop: () => sandbox.stop(),
  };
}

/** A call of the sandbox's dataset (typed through `Sandbox`, the sandbox's root export). */
export type DatasetCall = Sandbox['dataset']['calls'][number];

/**
 * An hour either side of `call`'s start (Unix seconds), moved by `shiftSeconds`: the window a webhook post's
 * buttons carry.
 */
export function windowAround(call: DatasetCall, shiftSeconds = 0): SearchWindow {
  const time = call.telCdr.Time;
  if (typeof time !== 'number') throw new Error(`call ${call.sessionId} has no start time`);
  return { start: time + shiftSeconds - 3600, end: time + shiftSeconds + 3600, endsNow: false };
}

/** The first of `items` matching `predicate`; throws naming `what` when the dataset has none. */
export function pick<T>(items: readonly T[], predicate: (item: T) => unknown, what: string): T {
  const found = items.find(predicate);
  if (found === undefined) throw new Error(`the sandbox dataset has no ${what}`);
  return found;
}

/** One answer a handler gave, through the response URL (a slash command's ack is always empty). */
export interface Sent {
  readonly via: 'respond';
  readonly reply: Reply | undefined;
}

/** An {@link Invocation} that records what it is sent, in order. */
export interface RecordingInvocation extends Invocation {
  readonly sent: Sent[];
  /** The replies sent through `respond`. */
  replies(): Reply[];
}

/** A recording invocation by `userId` in `channelId` (default: an agent in #calls). */
export function recordingInvocation(
  where: { readonly userId?: string; readonly channelId?: string | undefined } = {},
): RecordingInvocation {
  const sent: Sent[] = [];
  return {
    userId: where.userId ?? 'U0AGENT',
    channelId: 'channelId' in where ? where.channelId : 'C0CALLS',
    sent,
    respond: async (reply) => void sent.push({ via: 'respond', reply }),
    replies: () => sent.flatMap((s) => (s.reply ? [s.reply] : [])),
  };
}
