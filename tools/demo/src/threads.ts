import type { DatasetPush } from '@ccc-kit/sandbox/dataset';
import type { SlackEmulator, SlackMessageRecord } from '@ccc-kit/sandbox/slack';
import { messageToText } from '@ccc-kit/slack-blocks';
import { DemoError, DemoErrorCode } from './errors.ts';
import type { RenderedPost } from './report.ts';

/** The channel whose threads the demo features: every call is posted there. */
const CALLS = '#calls';

/** Renders a Slack message as the demo prints it. */
export const renderMessage = (message: SlackMessageRecord): string =>
  [
    messageToText({ text: message.text, blocks: (message.blocks ?? []) as never }),
    ...message.files.map((id) => `[file ${id} shared]`),
  ]
    .filter(Boolean)
    .join('\n');

/** A call's post as it reads now, its thread, and how many times the webhook updated it in place. */
export interface FeaturedThread extends RenderedPost {
  readonly updates: number;
}

/** What the demo shows of threads: a call with its recordings, and one with a voicemail. */
export interface FeaturedThreads {
  readonly recordings: FeaturedThread;
  readonly voicemail: FeaturedThread;
  /** Posts the webhook updated in place (`chat.update`) across the demo's channels. */
  readonly updatedPosts: number;
}

function featured(slack: SlackEmulator, post: SlackMessageRecord): FeaturedThread {
  return {
    text: renderMessage(post),
    replies: slack.threads(CALLS, post.ts).map(renderMessage),
    updates: post.edits.length,
  };
}

/** The call post in #calls whose thread has the most replies starting with `prefix`, updated ones first. */
function busiestThread(slack: SlackEmulator, prefix: string): SlackMessageRecord | undefined {
  const score = (post: SlackMessageRecord): number =>
    slack.threads(CALLS, post.ts).filter((reply) => reply.text.startsWith(prefix)).length * 10 +
    Math.min(post.edits.length, 9);
  const candidates = slack.messages(CALLS).filter((post) => score(post) >= 10);
  return candidates.sort((a, b) => score(b) - score(a))[0];
}

/**
 * Finds what the demo features: the call whose thread holds the most participant recordings and a call
 * with a voicemail in its thread, each post reading what its thread holds. Fails when either is missing.
 */
export function featuredThreads(slack: SlackEmulator, channels: readonly string[]): FeaturedThreads {
  const recordings = busiestThread(slack, 'Recording ready');
  const voicemail = busiestThread(slack, 'Voicemail from');
  const problems = [
    ...(recordings ? [] : [`no call in ${CALLS} has its recordings in its thread`]),
    ...(voicemail ? [] : [`no call in ${CALLS} has its voicemail in its thread`]),
    ...[recordings, voicemail].flatMap((post) =>
      post && !renderMessage(post).includes('in the thread')
        ? [`the post of ${post.ts} in ${CALLS} does not say what its thread holds`]
        : [],
    ),
  ];
  if (!recordings || !voicemail || problems.length)
    throw new DemoError(DemoErrorCode.Unexpected, problems.join('\n'));
  const updatedPosts = channels.reduce(
    (sum, name) => sum + slack.messages(name).filter((message) => message.edits.length > 0).length,
    0,
  );
  return { recordings: featured(slack, recordings), voicemail: featured(slack, voicemail), updatedPosts };
}

/** Fails unless the recording pushed before its call ended up in the thread of the call's post in #calls. */
export function checkThreaded(slack: SlackEmulator, early: DatasetPush): number {
  const post = slack
    .messages(CALLS)
    .find((message) => renderMessage(message).includes(`Session ${early.sessionId}`));
  const replies = post ? slack.threads(CALLS, post.ts).length : 0;
  if (replies === 0)
    throw new DemoError(
      DemoErrorCode.Unexpected,
      `the recording pushed before its call (session ${early.sessionId}) is not in the call's thread in ${CALLS}`,
    );
  return 1;
}
