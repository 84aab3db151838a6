import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { virtualClock } from '../clock/virtual-clock.ts';
import { isSandboxError } from '../errors.ts';
import type { SlackEmulator } from './emulator-types.ts';
import { CLAMPED_HISTORY_LIMITS, createHistoryLimiter } from './history-limit.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

describe('createHistoryLimiter', () => {
  test('counts each method in its own sliding minute, Retry-After until the oldest request leaves it', () => {
    let now = 0;
    const limiter = createHistoryLimiter({ perMinute: 2, maxLimit: 15 }, () => now);
    expect(limiter.take('conversations.history')).toEqual({ limited: false });
    now = 20_000;
    expect(limiter.take('conversations.history')).toEqual({ limited: false });
    expect(limiter.take('conversations.history')).toEqual({ limited: true, retryAfter: 40 });
    expect(limiter.take('conversations.replies')).toEqual({ limited: false });
    now = 60_000;
    expect(limiter.take('conversations.history')).toEqual({ limited: false });
    expect(limiter.take('conversations.history')).toEqual({ limited: true, retryAfter: 20 });
  });

  test('refuses limits it cannot apply', () => {
    const refused = (() => {
      try {
        createHistoryLimiter({ perMinute: 0, maxLimit: 15 }, Date.now);
      } catch (error) {
        return error;
      }
    })();
    expect(isSandboxError(refused) && refused.code).toBe('sandbox_invalid_options');
  });
});

describe('the 2025 clamp: 1 request a minute, limit cut to 15', () => {
  const clock = virtualClock(1_700_000_000_000);
  let slack: SlackEmulator;

  beforeAll(async () => {
    slack = await startSlackEmulator({
      now: () => clock.fake.now,
      ratePerChannel: Number.POSITIVE_INFINITY,
      historyLimits: CLAMPED_HISTORY_LIMITS,
    });
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  test('cuts limit to maxLimit silently, then answers 429 with Retry-After until the minute has passed', async () => {
    const client = emulatorClient(slack, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 20; i++) await client.chat.postMessage({ channel: 'C0CALLS', text: `${i}` });
    const page = await client.conversations.history({ channel: 'C0CALLS', limit: 100 });
    expect(page.messages).toHaveLength(15);
    expect(page.has_more).toBe(true);

    clock.fake.tick(15_000);
    const error = await rejectionOf(client.conversations.history({ channel: 'C0CALLS' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(45);
    expect(slack.requests('conversations.history').at(-1)).toMatchObject({
      status: 429,
      rateLimited: true,
      retryAfter: 45,
    });

    clock.fake.tick(45_000);
    const cursor = page.response_metadata?.next_cursor as string;
    expect((await client.conversations.history({ channel: 'C0CALLS', cursor })).messages).toHaveLength(5);
  });

  test('conversations.replies has its own minute; reset() forgets both', async () => {
    const client = emulatorClient(slack, { rejectRateLimitedCalls: true });
    const root = await client.chat.postMessage({ channel: 'C0CALLS', text: 'root' });
    await client.conversations.history({ channel: 'C0CALLS' });
    await client.conversations.replies({ channel: 'C0CALLS', ts: root.ts as string });
    const again = client.conversations.replies({ channel: 'C0CALLS', ts: root.ts as string });
    expect(await rejectionOf(again)).toBeInstanceOf(WebAPIRateLimitedError);
    slack.reset();
    expect((await client.conversations.history({ channel: 'C0CALLS' })).ok).toBe(true);
  });
});
