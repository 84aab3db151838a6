import { randomUUID } from 'node:crypto';
import { type DatasetPush, datasetToPushes, generateDataset } from '@ccc-kit/sandbox/dataset';
import type { PushItem } from '@ccc-kit/sandbox/pusher';

/** A push of the stream, with the identity the suite checks it by. */
export interface StreamPush extends PushItem {
  readonly sessionId: string;
}

/**
 * An endless stream of realistic, unique pushes: the sandbox dataset's pushes (calls with their recordings
 * and voicemails, chats) repeated with a `-r<n>` suffix on every SessionId and a fresh push id, so each
 * round is new to the webhook and recordings still thread under their own call.
 */
export function pushStream(
  options: { seed?: number; calls?: number; chats?: number } = {},
): () => StreamPush {
  const dataset = generateDataset({
    seed: options.seed ?? 7,
    calls: options.calls ?? 60,
    chats: options.chats ?? 10,
    start: Math.floor(Date.now() / 1000) - 86_400,
  });
  const template: readonly DatasetPush[] = datasetToPushes(dataset);
  let index = 0;
  return () => {
    const round = Math.floor(index / template.length);
    const base = template[index % template.length] as DatasetPush;
    index++;
    const sessionId = `${base.sessionId}-r${round}`;
    return {
      action: base.action,
      pushId: randomUUID(),
      sessionId,
      body: { ...base.body, SessionId: sessionId },
    };
  };
}

/**
 * The Slack message a stored push makes with one default channel, by what it is about: `cdr:<session>`,
 * `record:<session>`, `voicemail:<session>` (a reply in its call's thread, or a post when its call never
 * came), `imcdr:<session>`. Compare with an outbox row's `inboxKind` and session (updates left out).
 */
export const expectedMessageKey = (push: Pick<StreamPush, 'action' | 'sessionId'>): string =>
  `${push.action}:${push.sessionId}`;
