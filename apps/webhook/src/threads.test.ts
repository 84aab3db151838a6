import type { CallFixture } from '@ccc-kit/sandbox/dataset';
import { afterEach, describe, expect, test } from 'vitest';
import { parseRoutes } from './routes/index.ts';
import { type Harness, startHarness } from './test-utils/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

type Pushed = Parameters<Harness['pusher']['push']>[0];

async function push(h: Harness, action: Pushed['action'], body: object, pushId: string): Promise<void> {
  expect((await h.pusher.push({ action, body, pushId })).delivered).toBe(true);
}

/** The call's post in `channel` and the replies in its thread. */
function thread(h: Harness, channel: string, sessionId: string) {
  const mentions = (m: { text: string; blocks: unknown }) =>
    m.text.includes(sessionId) || JSON.stringify(m.blocks).includes(sessionId);
  const posts = h.sandbox.slack.messages(channel).filter(mentions);
  expect(posts).toHaveLength(1);
  const post = posts[0] as NonNullable<(typeof posts)[0]>;
  return { post, replies: h.sandbox.slack.threads(channel, post.ts) };
}

const buttonValues = (blocks: unknown, action: string): Record<string, unknown>[] =>
  [...JSON.stringify(blocks).matchAll(/"action_id":"(\w+)","value":"((?:[^"\\]|\\.)*)"/g)]
    .filter((m) => m[1] === action)
    .map((m) => JSON.parse(JSON.parse(`"${m[2]}"`)) as Record<string, unknown>);

const findCall = (h: Harness, test: (call: CallFixture) => boolean): CallFixture => {
  const call = h.sandbox.dataset.calls.find(test);
  if (!call) throw new Error('the sandbox dataset has no such call');
  return call;
};

describe("recordings and voicemails in the call's thread", () => {
  test("each participant's recording is a reply with its own RecordId; the post is updated to say so", async () => {
    harness = await startHarness({ sandbox: { calls: 60 } });
    const call = findCall(harness, (c) => c.records.length >= 2 && c.push.Direction === 0);
    await push(harness, 'cdr', call.push, 'cdr-1');
    await harness.drained();
    for (const [n, record] of call.records.entries()) await push(harness, 'record', record, `rec-${n}`);
    await harness.drained();
    const { post, replies } = thread(harness, '#calls', call.sessionId);
    expect(replies).toHaveLength(call.records.length);
    const recordIds = replies
      .flatMap((r) => buttonValues(r.blocks, 'ccc_call_recording'))
      .map((v) => v.recordId);
    expect(recordIds.sort()).toEqual(call.records.map((r) => r.RecordId).sort());
    expect(post.edits.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(post.blocks)).toContain(`${call.records.length} recordings in the thread`);
    expect(post.metadata).toMatchObject({ event_payload: { kind: 'post', session_id: call.sessionId } });
    // Updates are not posts: the channel holds the call's post once.
    expect(harness.sandbox.slack.messages('#calls').filter((m) => m.ts === post.ts)).toHaveLength(1);
  });

  test('a voicemail after its call: a reply in every thread of the call, a post in #voicemail, the post updated', async () => {
    harness = await startHarness({ sandbox: { calls: 60 } });
    const call = findCall(harness, (c) => c.voicemail !== null);
    await push(harness, 'cdr', call.push, 'cdr-1');
    await harness.drained();
    await push(harness, 'voicemail', call.voicemail as object, 'vm-1');
    await harness.drained();
    const { post, replies } = thread(harness, '#calls', call.sessionId);
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Voicemail from /)]);
    expect(buttonValues(replies[0]?.blocks, 'ccc_voicemail')).toHaveLength(1);
    expect(JSON.stringify(post.blocks)).toContain('1 voicemail in the thread');
    expect(buttonValues(post.blocks, 'ccc_voicemail')).toEqual([
      expect.objectContaining({ sessionId: call.sessionId }),
    ]);
    expect(harness.sandbox.slack.messages('#voicemail').map((m) => m.text)).toEqual([
      expect.stringMatching(/^Voicemail from /),
    ]);
  });

  test('a voicemail before its call waits for it, and is not posted alone once the call came', async () => {
    let offset = 0;
    harness = await startHarness({
      sandbox: { calls: 60 },
      now: () => Date.now() + offset,
      config: {
        voicemailWaitMs: 60_000,
        routes: parseRoutes('rules:\n  - match: { direction: inbound }\n    channel: "#calls"\n'),
      },
    });
    const early = findCall(harness, (c) => c.voicemail !== null);
    // A voicemail whose call's CDR push was lost (a session the sandbox never pushes).
    const lost = { sessionId: 'lost-call-1', voicemail: { ...early.voicemail, SessionId: 'lost-call-1' } };
    await push(harness, 'voicemail', early.voicemail as object, 'vm-early');
    await push(harness, 'voicemail', lost.voicemail as object, 'vm-lost');
    await harness.drained(1_000).catch(() => undefined);
    expect(harness.sandbox.slack.messages('#calls')).toEqual([]);
    await push(harness, 'cdr', early.push, 'cdr-early');
    offset = 61_000; // the lost call's voicemail waited long enough: it is posted alone
    await harness.drained();
    const { replies } = thread(harness, '#calls', early.sessionId);
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Voicemail from /)]);
    const alone = harness.sandbox.slack
      .messages('#calls')
      .filter((m) => JSON.stringify(m.blocks).includes(lost.sessionId));
    expect(alone.map((m) => m.text)).toEqual([expect.stringMatching(/^Voicemail from /)]);
    expect(harness.sandbox.slack.messages('#calls')).toHaveLength(2);
  });
});
