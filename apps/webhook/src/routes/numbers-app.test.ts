import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, startHarness } from '../test-utils/harness.ts';
import { parseRoutes } from './index.ts';

// Through the running webhook: a real push over HTTP, routing at ingest, rendering and posting by the relay.

const ROUTES = parseRoutes(`
rules:
  - match: { kind: cdr, callerPrefix: "+86139" }
    channel: "#mobile-plus"
  - match: { kind: cdr, callerPrefix: "0086139" }
    channel: "#mobile-zeros"
  - match: { kind: cdr, callerPrefix: "86139" }
    channel: "#mobile-86"
  - match: { kind: cdr, callerPrefix: "139" }
    channel: "#mobile-national"
  - match: { kind: cdr, protectedCallerPrefix: "139" }
    channel: "#protected"
`);
const CHANNELS = ['mobile-plus', 'mobile-zeros', 'mobile-86', 'mobile-national', 'protected'];

/**
 * An answered inbound call, with the fields of the CDR push field list (tencent-api.md §3.4) and Tencent's
 * number formats (`0086…`).
 */
const answeredCall = (sessionId: string, fields: Record<string, unknown> = {}) => ({
  SdkAppId: 1400482256,
  SessionId: sessionId,
  Caller: '008613912345678',
  Callee: '00864001234567',
  Direction: 0,
  CallType: 2,
  Duration: 60,
  SeatUser: { Mail: 'zhangsan@example.com', Name: 'Zhang San', StaffNumber: '1001' },
  StartTimestamp: 1_700_000_000,
  QueuedTimestamp: 1_700_000_005,
  RingTimestamp: 1_700_000_006,
  AcceptTimestamp: 1_700_000_010,
  EndedTimestamp: 1_700_000_070,
  EndStatusString: 'ok',
  HungUpSide: 'user',
  QueuedSkillGroupId: 11,
  QueuedSkillGroupName: 'Sales',
  ServeParticipants: [],
  ...fields,
});

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function start(): Promise<Harness> {
  const started = await startHarness({ config: { routes: ROUTES } });
  for (const name of CHANNELS) started.sandbox.slack.createChannel(name);
  return started;
}

const postsIn = (h: Harness, name: string): string[] =>
  h.sandbox.slack.messages(`#${name}`).map((m) => JSON.stringify({ text: m.text, blocks: m.blocks }));

describe('numbers as people write them, through a push to the webhook', () => {
  test('rules written +86139, 0086139, 86139 and 139 all post the same 0086… call', async () => {
    harness = await start();
    const pushed = await harness.pusher.push({ action: 'cdr', body: answeredCall('num-1'), pushId: 'num-1' });
    expect(pushed.delivered).toBe(true);
    await harness.drained();
    for (const name of CHANNELS.slice(0, 4)) {
      const posts = postsIn(harness, name);
      expect(posts, name).toHaveLength(1);
      expect(posts[0]).toContain('+86 139****5678');
      expect(posts[0]).not.toContain('13912345678');
    }
    expect(postsIn(harness, 'protected')).toEqual([]);
  });

  test('a protected caller routes by its protected prefix and shows as "protected number"', async () => {
    harness = await start();
    const body = answeredCall('num-protected', {
      Caller: '',
      ProtectedCaller: '139abcdefg',
      ProtectedCallee: '',
    });
    const pushed = await harness.pusher.push({ action: 'cdr', body, pushId: 'num-protected' });
    expect(pushed.delivered).toBe(true);
    await harness.drained();
    const [post, ...others] = postsIn(harness, 'protected');
    expect(others).toEqual([]);
    expect(post).toContain('protected number');
    expect(post).not.toContain('unknown');
    expect(post).not.toContain('139abcdefg');
    for (const name of CHANNELS.slice(0, 4)) expect(postsIn(harness, name), name).toEqual([]);
  });
});
