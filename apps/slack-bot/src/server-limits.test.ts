import { signSlackRequest } from '@ccc-kit/sandbox/slack';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { USAGE } from './commands/parse.ts';
import { datasetOf } from './test-utils/fixtures.ts';
import { type Harness, startHarness, waitFor } from './test-utils/harness.ts';
import { rawClient } from './test-utils/raw-client.ts';

const dataset = datasetOf([], []);
const KiB = 1024;

/** A signed `/ccc` slash command whose body is `size` bytes, with its request head for a raw socket. */
function signedCommand(h: Harness, size: number, framing: 'length' | 'chunked') {
  const responseUrl = h.slack.createResponseUrl({ channel: 'C0CALLS', user: 'U0X' });
  const base = new URLSearchParams({
    command: '/ccc',
    text: 'help',
    user_id: 'U0X',
    channel_id: 'C0CALLS',
    response_url: responseUrl,
  });
  const body = `${base}&padding=${'x'.repeat(size - base.toString().length - 9)}`;
  const signature = signSlackRequest({
    signingSecret: h.slack.signingSecret,
    body,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const head =
    'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `X-Slack-Signature: ${signature['x-slack-signature']}\r\n` +
    `X-Slack-Request-Timestamp: ${signature['x-slack-request-timestamp']}\r\n` +
    (framing === 'length' ? `Content-Length: ${body.length}\r\n\r\n` : 'Transfer-Encoding: chunked\r\n\r\n');
  return { body, head, headers: signature, responseUrl };
}

/** `body` as HTTP/1.1 chunks of 16 KiB, with the final empty chunk. */
const chunked = (body: string): string => {
  let out = '';
  for (let at = 0; at < body.length; at += 16 * KiB) {
    const part = body.slice(at, at + 16 * KiB);
    out += `${part.length.toString(16)}\r\n${part}\r\n`;
  }
  return `${out}0\r\n\r\n`;
};

describe('the HTTP server refuses what cannot be a genuine Slack request, before reading it', () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startHarness({ dataset, bot: { headersTimeoutMs: 500, requestTimeoutMs: 1_000 } });
    port = Number(new URL(h.url).port);
  });
  afterAll(() => h.stop());

  test('a request without signature headers gets 401 at once, without the server waiting for its body', async () => {
    const head =
      'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${200 * KiB}\r\n\r\n`;
    // Not one byte of the declared 200 KiB is sent: a 401 (not the 408 of requestTimeout) proves nothing was
    // read or waited for; no stopwatch, so a loaded machine cannot fail it.
    const outcome = await rawClient(port, head, { giveUpMs: 5_000 });
    expect(outcome.status).toBe(401);
    expect(outcome.reply).toMatch(/\r\nconnection: close\r\n/i);
    expect(h.logs).toContainEqual(
      expect.objectContaining({ msg: 'request refused: no Slack signature headers', status: 401 }),
    );
  });

  test('a signed body declared over 256 KiB gets 413 from its headers alone', async () => {
    const { head } = signedCommand(h, 300 * KiB, 'length');
    const outcome = await rawClient(port, head, { giveUpMs: 5_000 });
    expect(outcome.status).toBe(413);
  });

  test('a signed body sent without a length is cut at 256 KiB with 413; one just under it is handled', async () => {
    const big = signedCommand(h, 300 * KiB, 'chunked');
    const outcome = await rawClient(port, big.head + chunked(big.body), { giveUpMs: 5_000 });
    expect(outcome.status).toBe(413);
    const fits = signedCommand(h, 250 * KiB, 'length');
    const response = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      body: fits.body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...fits.headers },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const [help] = await waitFor(() => {
      const replies = h.slack.responses(fits.responseUrl);
      return replies.length > 0 ? replies : undefined;
    });
    expect(help?.text).toBe(USAGE);
  });

  test('headers trickled past headersTimeout, or a body past requestTimeout, are cut with 408', async () => {
    const { head } = signedCommand(h, 1 * KiB, 'length');
    const [slowHeaders, slowBody] = await Promise.all([
      rawClient(port, 'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n', {
        trickle: 'X-Slow: 1\r\n'.repeat(100),
        everyMs: 20,
      }),
      rawClient(port, head, { trickle: 'x'.repeat(1 * KiB), everyMs: 20 }),
    ]);
    expect(slowHeaders.status).toBe(408);
    expect(slowHeaders.closedAfterMs).toBeGreaterThanOrEqual(450);
    expect(slowBody.status).toBe(408);
    expect(slowBody.closedAfterMs).toBeGreaterThanOrEqual(950);
  });
});

describe('default deadlines', () => {
  test('10 s for the headers and 15 s for the whole request (Node would wait 60 s and 300 s)', async () => {
    const h = await startHarness({ dataset });
    const port = Number(new URL(h.url).port);
    const { head } = signedCommand(h, 1 * KiB, 'length');
    const [slowHeaders, slowBody] = await Promise.all([
      rawClient(port, 'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n', {
        trickle: 'X-Slow: 1\r\n'.repeat(1_000),
        everyMs: 100,
      }),
      rawClient(port, head, { trickle: 'x'.repeat(1 * KiB), everyMs: 100 }),
    ]);
    await h.stop();
    expect([slowHeaders.status, slowBody.status]).toEqual([408, 408]);
    expect(slowHeaders.closedAfterMs).toBeGreaterThanOrEqual(9_900);
    expect(slowHeaders.closedAfterMs).toBeLessThan(12_500);
    expect(slowBody.closedAfterMs).toBeGreaterThanOrEqual(14_900);
    expect(slowBody.closedAfterMs).toBeLessThan(17_500);
  }, 30_000);
});
