import { toCallFacts, toChatRecord } from '@ccc-kit/cdr-parser';
import { chatTotalsLine } from '@ccc-kit/slack-blocks';
import { addDays, aggregateCalls, aggregateChats, localTime } from '@ccc-kit/stats';
import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { startWebhook } from '../app.ts';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { createTestSchema, postgresSuite } from '../test-utils/postgres.ts';

const TOKEN = 'digest-internal-token-0123456789abcdefgh';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A clock the test moves: today (UTC) at `hh:mm`. */
function virtualClock() {
  const today = localTime(Date.now(), 'UTC').day;
  let now = Date.parse(`${today}T08:59:00Z`);
  return {
    today,
    now: () => now,
    at(hhmm: string) {
      now = Date.parse(`${today}T${hhmm}:00Z`);
    },
  };
}

async function start(clock: ReturnType<typeof virtualClock>, databaseUrl?: string): Promise<Harness> {
  const harness = await startHarness({
    now: clock.now,
    ...(databaseUrl ? { databaseUrl } : {}),
    config: {
      internalToken: TOKEN,
      digest: { channel: '#leads', atMinute: 9 * 60, timeZone: 'UTC' },
    },
  });
  cleanup.push(() => harness.stop());
  harness.sandbox.slack.createChannel('leads');
  return harness;
}

/** The sandbox day's ended chats: Tencent pushes a chat when it ends. */
const endedChats = (harness: Harness) => harness.sandbox.dataset.chats.filter((c) => c.push.EndStatusString);

/** Pushes the sandbox's day (yesterday, UTC), calls and chats, and waits until it is posted. */
async function pushDay(harness: Harness): Promise<void> {
  const pushes = [
    ...harness.sandbox.dataset.calls.map((call) => ({
      action: 'cdr' as const,
      body: call.push,
      pushId: `digest-${call.sessionId}`,
    })),
    ...endedChats(harness).map((chat) => ({
      action: 'imcdr' as const,
      body: chat.push,
      pushId: `digest-${chat.sessionId}`,
    })),
  ];
  const results = await harness.pusher.pushAll(pushes, { concurrency: 8 });
  expect(results.every((r) => r.delivered)).toBe(true);
  await harness.drained();
}

const digestsIn = (harness: Harness) => harness.sandbox.slack.messages('#leads');

describe('the daily digest', () => {
  test('a chart Slack is still processing is shown once files.info says it is ready', async () => {
    const clock = virtualClock();
    clock.at('09:30');
    const harness = await start(clock);
    harness.sandbox.slack.setFilesProcessingMs(1_200);
    await harness.webhook.digest?.runOnce();
    const [post] = digestsIn(harness);
    expect(JSON.stringify(post?.blocks)).toContain('"slack_file"');
    expect(harness.sandbox.slack.files().at(-1)?.ready).toBe(true);
  });

  test('posted once at DIGEST_AT with the numbers of the day, and its chart as a PNG', async () => {
    const clock = virtualClock();
    const harness = await start(clock);
    await pushDay(harness);
    const digest = harness.webhook.digest;
    expect(digest).not.toBeNull();
    await digest?.runOnce();
    expect(digestsIn(harness)).toEqual([]);

    clock.at('09:00');
    await digest?.runOnce();
    const expected = await aggregateCalls(harness.sandbox.dataset.calls.map((c) => toCallFacts(c.push)));
    const { offered, answered, missed } = expected.totals.inbound;
    const yesterday = addDays(clock.today, -1);
    const [post, ...others] = digestsIn(harness);
    expect(others).toEqual([]);
    expect(post?.text).toContain(
      `Calls on ${yesterday}: ${offered} offered, ${answered} answered, ${missed.total} missed`,
    );
    expect(offered).toBeGreaterThan(0);
    const chats = await aggregateChats(endedChats(harness).map((c) => toChatRecord(c.push)));
    expect(chats.totals.sessions).toBeGreaterThan(0);
    expect(JSON.stringify(post?.blocks)).toContain(JSON.stringify(chatTotalsLine(chats.totals)));
    // The chart: uploaded into the digest's thread, then shown in the digest once Slack processed it.
    const image = (post?.blocks ?? []).find((b) => (b as { type?: string }).type === 'image') as
      | { slack_file: { id: string } }
      | undefined;
    const file = harness.sandbox.slack.file(image?.slack_file.id ?? '');
    expect([file.filetype, file.ready, file.threadTs]).toEqual(['png', true, post?.ts]);
    expect(file.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    clock.at('09:05');
    await digest?.runOnce();
    clock.at('23:59');
    await digest?.runOnce();
    expect(digestsIn(harness)).toHaveLength(1);
    expect(await harness.webhook.store.digests.get(yesterday)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  test('a service that was down at DIGEST_AT posts it once when it comes back; restarts do not repeat it', async () => {
    const clock = virtualClock();
    clock.at('11:30');
    const harness = await start(clock);
    await harness.webhook.digest?.runOnce();
    expect(digestsIn(harness)).toHaveLength(1);
    const config = harness.webhook.config;
    await harness.webhook.stop();
    const again = await startWebhook(
      { ...config, port: 0 },
      { logger: pino({ level: 'silent' }), now: clock.now },
    );
    cleanup.push(() => again.stop());
    clock.at('12:00');
    await again.digest?.runOnce();
    expect(digestsIn(harness)).toHaveLength(1);
  });
});

const suite = await postgresSuite('the daily digest on PostgreSQL');
describe.skipIf(suite.skip)(suite.title, () => {
  test('two replicas at DIGEST_AT: one digest', async () => {
    const schema = await createTestSchema('webhook_digest');
    cleanup.push(() => schema.drop());
    const clock = virtualClock();
    const harness = await start(clock, schema.url);
    const second = await startWebhook(
      { ...harness.webhook.config, port: 0, relayOwner: 'replica-b' },
      { logger: pino({ level: 'silent' }), now: clock.now },
    );
    cleanup.push(() => second.stop());
    clock.at('09:00');
    await Promise.all([harness.webhook.digest?.runOnce(), second.digest?.runOnce()]);
    expect(digestsIn(harness)).toHaveLength(1);
  });
});
