import type { DescribeSessionDetailResponse, GetSessionStateResponse } from '@ccc-kit/schemas';
import {
  ACTION_SHARE,
  callDetailsMessage,
  encodeActionValue,
  errorMessage,
  escapeMrkdwn,
  mrkdwnLink,
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
    case 'calls':
      return ephemeral(`No calls ${describeWindow(request.window)}.`);
    case 'missed':
      return ephemeral('No missed calls are waiting.');
    case 'stats':
      return ephemeral(`No calls ${request.window.label}.`);
  }
}

/** A Tencent (or unexpected) failure for people, with a reference an admin finds in the logs. */
export const failureReply = (error: unknown, reference: string): Reply => errorMessage(error, { reference });

/** `/ccc state`. */
export const sessionStateReply = (state: GetSessionStateResponse): Reply => sessionStateMessage(state);

/**
 * `/ccc call` and Call details: never a recording link (only the Recording button, which checks the user).
 * `agentName` names the agent as the webhook's post does (the detail itself has only the email).
 */
export const callDetailsReply = (
  detail: DescribeSessionDetailResponse,
  sessionId: string,
  shareButton: boolean,
  agentName?: string,
): Reply => callDetailsMessage(detail, { sessionId, shareButton, agentName });

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

const PRIVATE_LINK_NOTE = 'The link works for about 24 hours and is only for you: please do not forward it.';
// Tencent documents no lifetime for voicemail links: they are signed like the recordings', so fetched per click.
const VOICEMAIL_NOTE =
  "Tencent's links expire (press the button again for fresh ones) and are only for you: please do not forward them.";

/** A reply carrying signed links: never unfurled (Slack would fetch them, and show the file to the channel). */
const privateLinks = (text: string, blocks: readonly KnownBlock[]): Reply => ({
  text,
  blocks,
  unfurl_links: false,
  unfurl_media: false,
});

const mrkdwnSection = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/**
 * A fresh recording link, for the requester only (valid about 24 hours). `whose` says which recording it is
 * when the button named a participant: their email or masked number, or "the call's recording".
 */
export function recordingReply(sessionId: string, url: string, whose?: string): Reply {
  const suffix = whose ? ` (${escapeMrkdwn(whose)})` : '';
  const link = mrkdwnLink(url, `Play the recording of call ${code(sessionId)}`);
  const text = whose
    ? `Recording of call ${sessionId}${suffix}, link valid about 24 hours`
    : `Recording of call ${sessionId} (link valid about 24 hours)`;
  return privateLinks(text, [mrkdwnSection(`:studio_microphone: ${link}${suffix}\n${PRIVATE_LINK_NOTE}`)]);
}

/**
 * A call without the recording asked for: none at all, or (`which`, e.g. `of ann@example.com`) none of the
 * participant the button names.
 */
export const noRecordingReply = (sessionId: string, which?: string): Reply =>
  ephemeral(
    `Call ${code(sessionId)} has no recording${which ? ` ${escapeMrkdwn(which)}` : ''} (recording may be off for this line, or nobody answered).`,
  );

// Slack takes 50 blocks a message; a call with more voicemails than this is not a real one.
const MAX_VOICEMAILS = 20;

/** Fresh voicemail links, for the requester only: one, or several numbered in the order Tencent lists them. */
export function voicemailReply(sessionId: string, urls: readonly string[]): Reply {
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: VOICEMAIL_NOTE }] };
  if (urls.length === 1) {
    const link = mrkdwnLink(urls[0], `Play the voicemail of call ${code(sessionId)}`);
    return privateLinks(`Voicemail of call ${sessionId}`, [
      mrkdwnSection(`:mailbox_with_mail: ${link}`),
      note,
    ]);
  }
  const shown = urls.slice(0, MAX_VOICEMAILS);
  const more = urls.length > shown.length ? ` (the first ${shown.length} here)` : '';
  return privateLinks(`${urls.length} voicemails of call ${sessionId}`, [
    mrkdwnSection(`:mailbox_with_mail: Call ${code(sessionId)} has ${urls.length} voicemails${more}:`),
    ...shown.map((url, i) => mrkdwnSection(`${i + 1}. ${mrkdwnLink(url, `Play voicemail ${i + 1}`)}`)),
    note,
  ]);
}

/** A call whose detail lists no voicemail: maybe none was left, maybe it has expired. */
export const noVoicemailReply = (sessionId: string): Reply =>
  ephemeral(
    `No voicemail found for call ${code(sessionId)}. It may have expired (Tencent keeps recordings for about 3 months on its free storage), or the caller hung up before leaving one.`,
  );
