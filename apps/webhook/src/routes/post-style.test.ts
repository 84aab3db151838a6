import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { parseRoutes } from './index.ts';

// Through the running webhook: the routes' `style` decides how the relay renders each channel's post.

const ROUTES = parseRoutes(`
rules:
  - match: { kind: cdr }
    channel: "#calls"
  - match: { kind: cdr, outcome: [missed] }
    channel: "#leads"
    style: full
  - match: { kind: cdr }
    channel: "#leads"
`);

const missedCall = (sessionId: string) => ({
  SdkAppId: 1400482256,
  SessionId: sessionId,
  Caller: '008613912345678',
  Callee: '00864001234567',
  Direction: 0,
  CallType: 2,
  StartTimestamp: 1_700_000_000,
  QueuedTimestamp: 1_700_000_005,
  EndedTimestamp: 1_700_000_070,
  EndStatusString: 'waitingGiveUp',
  HungUpSide: 'user',
  QueuedSkillGroupId: 11,
  QueuedSkillGroupName: 'Sales',
});
const answeredCall = (sessionId: string) => ({
  ...missedCall(sessionId),
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  RingTimestamp: 1_700_000_006,
  AcceptTimestamp: 1_700_000_010,
  EndStatusString: 'ok',
});

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Labels of the post's fields, in order. */
const fieldLabels = (h: Harness, channel: string, sessionId: string): string[] => {
  const post = h.sandbox.slack.messages(channel).find((m) => JSON.stringify(m.blocks).includes(sessionId));
  const blocks = (post?.blocks ?? []) as Array<{ fields?: Array<{ text: string }> }>;
  const section = blocks.find((b) => Array.isArray(b.fields));
  return (section?.fields ?? []).map((f) => f.text.split('\n')[0] ?? '');
};

describe('post style per route', () => {
  test('compact by default; full where a matching rule of the channel asks for it', async () => {
    harness = await startHarness({ config: { routes: ROUTES } });
    for (const name of ['calls', 'leads']) harness.sandbox.slack.createChannel(name);
    for (const [id, body] of [
      ['style-missed', missedCall('style-missed')],
      ['style-answered', answeredCall('style-answered')],
    ] as const)
      expect((await harness.pusher.push({ action: 'cdr', body, pushId: id })).delivered).toBe(true);
    await harness.drained();

    expect(fieldLabels(harness, '#calls', 'style-missed')).toEqual(['*From*']);
    expect(fieldLabels(harness, '#leads', 'style-missed')).toEqual([
      '*Caller*',
      '*Called number*',
      '*Agent*',
      '*Skill group*',
      '*Queue wait*',
      '*Talk time*',
      '*End reason*',
      '*Hung up by*',
    ]);
    // The full rule matches missed calls only: the answered call is compact in #leads too.
    expect(fieldLabels(harness, '#leads', 'style-answered')).toEqual(['*From*', '*Skill group*', '*Waited*']);
  });

  test('a style that is neither compact nor full is refused with the choices', () => {
    expect(() => parseRoutes('rules:\n  - channel: "#calls"\n    style: tall\n')).toThrow(
      /style is "compact" or "full"/,
    );
  });
});
