import type { DescribeSessionDetailResponse, GetSessionStateResponse } from '@ccc-kit/schemas';
import {
  ACTION_SHARE,
  callDetailsMessage,
  encodeActionValue,
  errorMessage,
  sessionListMessage,
  sessionStateMessage,
} from '@ccc-kit/slack-blocks';
import type { KnownBlock } from '@slack/web-api';
import type { LookupRequest } from './commands/plan.ts';
import { SESSIONS_PAGE_SIZE, type SessionsPage, type SessionsQuery } from './commands/sessions-page.ts';
import { describeWindow } from './commands/window.ts';
import type { Reply } from './deps.ts';
import { ephemeral } from './replies.ts';
import { actionValueOf, SHARE_BLOCK_PREFIX } from './share-value.ts';

// Block Kit comes from @ccc-kit/slack-blocks; this file adds the bot's own sentences and the Share button.

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/**
 * Adds a "Share to channel" button repeating `request` (its kind in the block id, the query in the value);
 * unchanged when the request cannot be repeated.
 */
export function shareable(reply: Reply, request: LookupRequest, nowMs: number): Reply {
  const value = actionValueOf(request, Math.floor(nowMs / 1000));
  if (!value) return reply;
  const share: KnownBlock = {
    type: 'actions',
    block_id: `${SHARE_BLOCK_PREFIX}${request.kind}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION_SHARE,
        text: { type: 'plain_text', text: 'Share to channel', emoji: true },
        value: encodeActionValue(value),
      },
    ],
  };
  const blocks = reply.blocks ?? [{ type: 'section', text: { type: 'mrkdwn', text: reply.text } }];
  return { ...reply, blocks: [...blocks, share] };
}

/** "No call with id … in the last 89 days" and its siblings, for Tencent's "session does not exist". */
export function notFoundReply(request: LookupRequest): Reply {
  switch (request.kind) {
    case 'call':
      return ephemeral(`No call with id ${code(request.sessionId)} ${describeWindow(request.window)}.`);
    case 'transcript':
      return ephemeral(`No chat or call with id ${code(request.sessionId)} was found.`);
    case 'state':
      return 'sessionId' in request.query
        ? ephemeral(
            `No active chat with id ${code(request.query.sessionId)}: it does not exist or has ended.`,
          )
        : ephemeral(
            `No active chat between customer ${code(request.query.clientUserId)} and ${code(request.query.customerServiceId)}: it does not exist or has ended.`,
          );
    case 'sessions':
      return ephemeral(`No chat sessions ${describeWindow(request.window)}.`);
  }
}

/** A Tencent (or unexpected) failure for people, with a reference an admin finds in the logs. */
export const failureReply = (error: unknown, reference: string): Reply => errorMessage(error, { reference });

/** `/ccc state`. */
export const sessionStateReply = (state: GetSessionStateResponse): Reply => sessionStateMessage(state);

/** `/ccc call` and Call details: never a recording link (only the Recording button, which checks the user). */
export const callDetailsReply = (
  detail: DescribeSessionDetailResponse,
  sessionId: string,
  shareButton: boolean,
): Reply => callDetailsMessage(detail, { sessionId, shareButton });

/** `/ccc sessions`: `offset` counts the newer sessions already shown, so More continues back in time. */
export function sessionListReply(page: SessionsPage, query: SessionsQuery): Reply {
  return sessionListMessage(page.sessions, {
    offset: query.skip,
    limit: SESSIONS_PAGE_SIZE,
    total: page.total,
    start: query.window.start,
    end: query.window.end,
    ...(query.clientUserId ? { filter: query.clientUserId } : {}),
  });
}

/** A fresh recording link, for the requester only (valid about 24 hours). */
export const recordingReply = (sessionId: string, url: string): Reply => ({
  text: `Recording of call ${sessionId} (link valid about 24 hours)`,
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:studio_microphone: <${url}|Play the recording of call ${code(sessionId)}>\nThe link works for about 24 hours and is only for you: please do not forward it.`,
      },
    },
  ],
  unfurl_links: false,
  unfurl_media: false,
});

/** A call without a recording. */
export const noRecordingReply = (sessionId: string): Reply =>
  ephemeral(
    `Call ${code(sessionId)} has no recording (recording may be off for this line, or nobody answered).`,
  );
