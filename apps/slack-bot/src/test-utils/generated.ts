import { type CallFixture, type Dataset, generateDataset } from '@ccc-kit/sandbox/dataset';
import type { SlackMessage } from '@ccc-kit/slack-blocks';
import { clickPayload, findButton } from './buttons.ts';
import { CCC_APP } from './fixtures.ts';

// Test-only: the sandbox's generated calls (transfers, per-participant recordings, voicemails) for the
// harness, and clicks on the buttons of the messages the webhook would post about them.

/** The sandbox's dataset of seed 1, two days ago (inside every window a button can carry). */
export function generatedDataset(): Dataset {
  const twoDaysAgo = Math.floor(Date.now() / 86_400_000) * 86_400 - 2 * 86_400;
  return generateDataset({ seed: 1, start: twoDaysAgo, sdkAppId: CCC_APP });
}

/** `dataset` with `call` replaced by `change(call)`. */
export function withCall(
  dataset: Dataset,
  call: CallFixture,
  change: (c: CallFixture) => CallFixture,
): Dataset {
  return { ...dataset, calls: dataset.calls.map((c) => (c === call ? change(c) : c)) };
}

/**
 * The interaction Slack sends when `userId` clicks the `actionId` button of `message`, a post (or thread
 * reply) of the webhook in #calls: not ephemeral, so an answer must never replace it.
 */
export const clickOn = (message: SlackMessage, actionId: string, userId: string) => ({
  channelId: 'C0CALLS',
  userId,
  messageTs: '1700000000.000200',
  payload: clickPayload(findButton(message.blocks, actionId), false),
});
