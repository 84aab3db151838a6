import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { ACTION_HOME_REFRESH } from '@ccc-kit/slack-blocks';
import { afterEach, describe, expect, test } from 'vitest';
import { CCC_APP } from '../test-utils/fixtures.ts';
import { type Harness, startHarness, waitFor } from '../test-utils/harness.ts';

// The Home tab through the interfaces Slack uses: signed app_home_opened events and Home-tab clicks from
// the Slack emulator, views.publish back to it, and the CCC emulator's live metrics of its generated day.

const midnight = Math.floor(Date.now() / 86_400_000) * 86_400;
const dataset = generateDataset({ seed: 22, start: midnight, calls: 300, sdkAppId: CCC_APP });
const LEAD = 'U0LEAD0001';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A bot on a clock the test moves (the emulators keep the real one). */
async function start(): Promise<{ h: Harness; advance: (ms: number) => void; events: string }> {
  const base = Date.now();
  let offset = 0;
  const harness = await startHarness({ dataset, bot: { now: () => base + offset, timeZone: 'UTC' } });
  h = harness;
  const advance = (ms: number): void => {
    offset += ms;
  };
  return { h: harness, advance, events: `${harness.url}/slack/events` };
}

const text = (harness: Harness, userId: string) =>
  JSON.stringify(harness.slack.homeView(userId)?.view ?? null);
const requests = (harness: Harness, action: string) =>
  harness.cccEmulator.requests().filter((r) => r.action === action).length;

async function published(harness: Harness, userId: string, version = 1) {
  return waitFor(() => {
    const record = harness.slack.homeView(userId);
    return record && record.version >= version ? record : undefined;
  }, 10_000);
}

describe('the Home tab', () => {
  test("app_home_opened publishes the viewer's wallboard; Refresh publishes it again", async () => {
    const { h, events } = await start();
    const answer = await h.slack.openHome({ url: events, userId: LEAD });
    expect(answer.status).toBe(200);
    await published(h, LEAD);
    const view = text(h, LEAD);
    for (const group of dataset.skillGroups.slice(0, 12)) expect(view).toContain(group.name);
    expect(view).toContain('Queue now');
    expect(view).toContain('Agents');
    expect(view).toContain('Today');
    expect(view).toContain('<!date^');
    const counted = ['Free', 'On a call', 'After-call work', 'Resting', 'Not ready', 'Offline'].reduce(
      (sum, label) => sum + Number(new RegExp(`\\*${label}\\*\\\\n(\\d+)`).exec(view)?.[1] ?? Number.NaN),
      0,
    );
    expect(counted).toBe(dataset.agents.length);

    await h.slack.clickHomeButton({ url: events, userId: LEAD, actionId: ACTION_HOME_REFRESH });
    expect((await published(h, LEAD, 2)).version).toBe(2);
  });

  test('your calls: the viewer is an agent by their Slack email, with Details to their DM', async () => {
    const { h, events } = await start();
    const now = Date.now() / 1000;
    const call = dataset.calls.find((c) => (c.telCdr.Time ?? now) < now - 60 && c.telCdr.SeatUser?.Mail);
    const mail = call?.telCdr.SeatUser?.Mail ?? '';
    h.slack.createUser({ id: 'U0AGENT01', name: 'agent', email: mail });
    await h.slack.openHome({ url: events, userId: 'U0AGENT01' });
    await published(h, 'U0AGENT01');
    const view = h.slack.homeView('U0AGENT01')?.view;
    const details = JSON.stringify(view).match(/"action_id":"ccc_call_details"/g) ?? [];
    expect(details.length).toBeGreaterThan(0);
    expect(details.length).toBeLessThanOrEqual(5);

    await h.slack.clickHomeButton({ url: events, userId: 'U0AGENT01', actionId: 'ccc_call_details' });
    // Slack opens the DM at the bot's first message to the user.
    const dm = await waitFor(() => {
      try {
        return h.slack.messages('D0AGENT01').at(0);
      } catch {
        return undefined;
      }
    });
    expect(dm.text).toBeTruthy();

    h.slack.createUser({ id: 'U0NOAGENT', name: 'nobody', email: 'nobody@example.com' });
    await h.slack.openHome({ url: events, userId: 'U0NOAGENT' });
    await published(h, 'U0NOAGENT');
    expect(text(h, 'U0NOAGENT')).toContain('_No calls of yours today._');
  });

  test('twenty viewers within a second: one request per metric', async () => {
    const { h, events } = await start();
    const users = Array.from({ length: 20 }, (_, i) => `U0VIEW${String(i).padStart(4, '0')}`);
    await Promise.all(users.map((userId) => h.slack.openHome({ url: events, userId })));
    await Promise.all(users.map((userId) => published(h, userId)));
    expect(requests(h, 'DescribeCallInMetrics')).toBe(1);
    expect(requests(h, 'DescribeStaffStatusMetrics')).toBe(1);
  });

  test('Tencent failing: the last good data with its age and the reason, and not asked again within 10 s', async () => {
    const { h, events, advance } = await start();
    await h.slack.openHome({ url: events, userId: LEAD });
    await published(h, LEAD);
    h.cccEmulator.faults.inject('DescribeCallInMetrics', { kind: 'api-error', code: 'InternalError' }, 5);
    advance(11_000);
    await h.slack.clickHomeButton({ url: events, userId: LEAD, actionId: ACTION_HOME_REFRESH });
    await published(h, LEAD, 2);
    const view = text(h, LEAD);
    expect(view).toContain('Showing what was read');
    expect(view).toContain('InternalError');
    expect(view).toContain(dataset.skillGroups[0]?.name ?? '?');
    await h.slack.clickHomeButton({ url: events, userId: LEAD, actionId: ACTION_HOME_REFRESH });
    await published(h, LEAD, 3);
    expect(requests(h, 'DescribeCallInMetrics')).toBe(2);
  });

  test('forged and replayed events are refused and publish nothing', async () => {
    const { h, events } = await start();
    const forged = await h.slack.openHome({ url: events, userId: LEAD, tamper: 'bad-signature' });
    const replayed = await h.slack.openHome({ url: events, userId: LEAD, tamper: 'stale-timestamp' });
    expect([forged.status, replayed.status]).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.homeView(LEAD)).toBeUndefined();
  });

  test('HOME_ALLOWED_USERS: others see a notice, not the numbers', async () => {
    const base = Date.now();
    h = await startHarness({ dataset, bot: { now: () => base, homeAllowedUsers: ['U0OTHER01'] } });
    await h.slack.openHome({ url: `${h.url}/slack/events`, userId: LEAD });
    await published(h, LEAD);
    expect(text(h, LEAD)).toContain('HOME_ALLOWED_USERS');
    expect(text(h, LEAD)).not.toContain('Queue now');
    expect(requests(h, 'DescribeCallInMetrics')).toBe(0);
  });

  test('without CCC credentials: the tab says which settings to give, and nothing else', async () => {
    h = await startHarness({ dataset, ccc: false });
    await h.slack.openHome({ url: `${h.url}/slack/events`, userId: LEAD });
    await published(h, LEAD);
    const view = text(h, LEAD);
    for (const name of ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'CCC_SDK_APP_ID'])
      expect(view).toContain(name);
    expect(view).not.toContain('Queue now');
  });

  test('a webhook that does not answer: Today says so and what to check; the queue still shows', async () => {
    const base = Date.now();
    const token = 'home-internal-token-0123456789abcdefghijkl';
    // Port 9 (discard) is closed on loopback: the connection is refused at once.
    h = await startHarness({
      dataset,
      bot: { now: () => base, followUps: { url: 'http://127.0.0.1:9', token } },
    });
    await h.slack.openHome({ url: `${h.url}/slack/events`, userId: LEAD });
    await published(h, LEAD);
    const view = text(h, LEAD);
    expect(view).toContain('Not available: the webhook did not answer its stats');
    expect(view).toContain('check WEBHOOK_URL and INTERNAL_TOKEN');
    expect(view).not.toContain(token);
    expect(view).toContain('Queue now');
  });
});
