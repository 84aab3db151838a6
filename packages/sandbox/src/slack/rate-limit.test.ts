import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { createRateLimiter } from './rate-limit.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, rejectionOf } from './test-utils.ts';

describe('createRateLimiter', () => {
  test('allows a burst, then one per second, with Retry-After rounded up to whole seconds', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerChannel: 1, burstPerChannel: 2, now: () => now });
    expect(limiter.takePost('C1')).toEqual({ limited: false });
    expect(limiter.takePost('C1')).toEqual({ limited: false });
    expect(limiter.takePost('C1')).toEqual({ limited: true, retryAfter: 1 });
    expect(limiter.takePost('C2')).toEqual({ limited: false });
    now = 1000;
    expect(limiter.takePost('C1')).toEqual({ limited: false });
    expect(limiter.takePost('C1')).toEqual({ limited: true, retryAfter: 1 });
  });

  test('a slower rate asks for a longer wait', () => {
    const limiter = createRateLimiter({ ratePerChannel: 0.25, burstPerChannel: 1, now: () => 0 });
    limiter.takePost('C1');
    expect(limiter.takePost('C1')).toEqual({ limited: true, retryAfter: 4 });
  });
});

describe('the emulator under rate limits and faults', () => {
  let slack: SlackEmulator;
  let now = 1_700_000_000_000;

  beforeAll(async () => {
    slack = await startSlackEmulator({ now: () => now, ratePerChannel: 1, burstPerChannel: 3 });
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  test('WebClient with rejectRateLimitedCalls sees WebAPIRateLimitedError once the channel rate is exceeded', async () => {
    const client = emulatorClient(slack, { rejectRateLimitedCalls: true });
    for (const text of ['1', '2', '3']) await client.chat.postMessage({ channel: 'C0CALLS', text });
    const error = await rejectionOf(client.chat.postMessage({ channel: 'C0CALLS', text: '4' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(slack.messages('C0CALLS')).toHaveLength(3);
    expect(slack.requests('chat.postMessage').at(-1)).toMatchObject({
      status: 429,
      rateLimited: true,
      retryAfter: 1,
    });
    expect(slack.rateLimitedCount()).toBe(1);
    // Other channels have their own budget; the limited one recovers as the clock moves on.
    await client.chat.postMessage({ channel: 'C0ALERTS', text: 'other' });
    now += 1000;
    await client.chat.postMessage({ channel: 'C0CALLS', text: '4' });
    expect(slack.messages('C0CALLS')).toHaveLength(4);
  });

  test('storm429 answers 429 with the given Retry-After, logged in requests()', async () => {
    const client = emulatorClient(slack, { rejectRateLimitedCalls: true });
    slack.storm429('#alerts', 2, 7);
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(client.chat.postMessage({ channel: 'C0ALERTS', text: 'x' }));
      expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    }
    await client.chat.postMessage({ channel: 'C0ALERTS', text: 'through' });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'unaffected' });
    expect(slack.requests('chat.postMessage').map((r) => [r.status, r.retryAfter])).toEqual([
      [429, 7],
      [429, 7],
      [200, undefined],
      [200, undefined],
    ]);
  });

  test('api-error faults answer HTTP 200 with { ok: false, error }', async () => {
    const client = emulatorClient(slack);
    slack.faults.inject('chat.postMessage', { kind: 'api-error', code: 'fatal_error' });
    const error = await rejectionOf(client.chat.postMessage({ channel: 'C0CALLS', text: 'x' }));
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect((error as WebAPIPlatformError).data.error).toBe('fatal_error');
    expect(slack.requests('chat.postMessage')[0]).toMatchObject({
      status: 200,
      error: 'fatal_error',
      fault: 'api-error',
    });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'recovered' });
    expect(slack.messages('C0CALLS')).toHaveLength(1);
  });

  test('status faults surface as WebAPIHTTPError; `*` applies to every method', async () => {
    const client = emulatorClient(slack);
    slack.faults.inject('*', { kind: 'status', status: 503 });
    const error = await rejectionOf(client.auth.test());
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(503);
    expect(slack.requests('auth.test')[0]).toMatchObject({ status: 503, fault: 'status' });
  });
});

describe('WebClient retrying after a 429', () => {
  test('sends nothing before Retry-After has passed', async () => {
    const slack = await startSlackEmulator();
    try {
      const client = emulatorClient(slack, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
      slack.storm429('C0CALLS', 1, 1);
      await client.chat.postMessage({ channel: 'C0CALLS', text: 'eventually' });
      const [limited, retried] = slack.requests('chat.postMessage');
      expect(limited).toMatchObject({ status: 429, retryAfter: 1 });
      expect(retried?.status).toBe(200);
      expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    } finally {
      await slack.stop();
    }
  });
});
