import type { ChatMessage, MsgElement } from '@ccc-kit/schemas';
import { context, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn, oneLine } from './escape.ts';
import { describeElement } from './im-elements.ts';
import { fitToLimits } from './limits.ts';
import { mediaLink } from './storage-links.ts';
import { roleLabel, senderLabel } from './transcript.ts';
import { clipText } from './truncate.ts';
import type { RenderOptions, SlackMessage } from './types.ts';

/** Characters of one message shown in a preview; the file has the rest. */
const MESSAGE_CHARS = 600;
/** Forwarded messages listed under a forward in a preview. */
const RELAY_LINES = 3;
/** Section text budget per block, under Slack's 3,000 with room for the clipping note. */
const SECTION_CHARS = 2800;

function previewBody(body: readonly MsgElement[], options: RenderOptions): string {
  const parts: string[] = [];
  const nested: string[] = [];
  for (const element of body) {
    const view = describeElement(element);
    if (view.kind === 'text') parts.push(escapeMrkdwn(view.text));
    else if (view.kind === 'item') parts.push(mediaLink(view.url, view.label));
    else {
      parts.push(escapeMrkdwn(view.label));
      for (const m of view.messages.slice(0, RELAY_LINES)) {
        const text = m.MsgBody.map((e) => describeElement(e))
          .map((v) => (v.kind === 'text' ? v.text : v.label))
          .join(' ');
        const who = senderLabel(m.From_Account, options) || 'unknown';
        nested.push(`↳ ${escapeMrkdwn(who)}: ${escapeMrkdwn(clipText(oneLine(text), 200))}`);
      }
      if (view.messages.length > RELAY_LINES) nested.push(`↳ _… ${view.messages.length - RELAY_LINES} more_`);
    }
  }
  return [clipText(parts.join(' '), MESSAGE_CHARS), ...nested].join('\n');
}

/** One message as mrkdwn: sender line, then the body as a quote (so it reads as the customer's words). */
function previewMessage(message: ChatMessage, options: RenderOptions): string {
  const who = senderLabel(message.FromAccount, options);
  const at = slackDate(Math.floor(message.Timestamp / 1000), options.timeZone);
  const head = `*${roleLabel(message.FromAccountRole)}*${who ? ` ${escapeMrkdwn(who)}` : ''} · ${at}`;
  const body = previewBody(message.MsgBody, options) || '_empty message_';
  return `${head}\n${body
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n')}`;
}

/** Groups rendered messages into section texts of at most {@link SECTION_CHARS}. */
function chunk(items: readonly string[]): string[] {
  const chunks: string[] = [];
  for (const item of items) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + item.length + 1 <= SECTION_CHARS)
      chunks[chunks.length - 1] = `${last}\n${item}`;
    else chunks.push(item);
  }
  return chunks;
}

/**
 * The first `max` messages of a chat as blocks, for an ephemeral reply to `/transcript`: sender, time (in
 * each reader's time zone) and the message quoted, every word escaped. Media links are clickable only on
 * Tencent's own storage domains (`isTencentStorageUrl`); any other link is shown as text. Long messages are
 * clipped; when messages are left out, a note says how many and points to the file.
 *
 * @example
 * await respond(transcriptPreview(response.Messages, 10));
 */
export function transcriptPreview(
  messages: readonly ChatMessage[],
  max = 10,
  options: RenderOptions = {},
): SlackMessage {
  const ordered = [...messages].sort((a, b) => a.Timestamp - b.Timestamp);
  const shown = ordered.slice(0, Math.max(1, Math.floor(max)));
  const hidden = ordered.length - shown.length;
  const count = `${ordered.length} message${ordered.length === 1 ? '' : 's'}`;
  if (ordered.length === 0)
    return fitToLimits({
      text: 'Transcript: no messages',
      blocks: [section('*Transcript* · no messages in this session')],
    });
  const note =
    hidden > 0
      ? [
          context([
            `_… ${hidden} more messages._ Showing the first ${shown.length} of ${count}; the full transcript is in the file.`,
          ]),
        ]
      : [];
  return fitToLimits({
    text: `Transcript preview: ${shown.length} of ${count}`,
    blocks: [
      section(`*Transcript preview* · ${count}`),
      ...chunk(shown.map((m) => previewMessage(m, options))).map(section),
      ...note,
    ],
  });
}
