import { maskNumber } from '@ccc-kit/cdr-parser';
import {
  type ChatMessage,
  FromAccountRoleLabel,
  type MsgElement,
  type RelayedMessageOutput,
} from '@ccc-kit/schemas';
import { formatDateTime } from './dates.ts';
import { describeElement } from './im-elements.ts';
import type { RenderOptions } from './types.ts';

/** Forwarded messages can nest forwarded messages; past this depth they are summarised, not expanded. */
const MAX_RELAY_DEPTH = 4;
const INDENT = '    ';

/** `Customer`, `Agent`, `System`, or `Role N` for a role this version does not know. */
export function roleLabel(role: number | null | undefined): string {
  if (role == null) return 'Unknown';
  return FromAccountRoleLabel[role as keyof typeof FromAccountRoleLabel] ?? `Role ${role}`;
}

/** The sender as shown: accounts are often phone numbers, so they are masked unless `showNumbers`. */
export function senderLabel(account: string | null | undefined, options: RenderOptions): string {
  if (!account) return '';
  return options.showNumbers ? account : maskNumber(account);
}

/** Body lines of one message in plain text; nested relays are indented one level deeper each. */
function bodyLines(body: readonly MsgElement[], options: RenderOptions, depth: number): string[] {
  const inline: string[] = [];
  const nested: string[] = [];
  for (const element of body) {
    const view = describeElement(element);
    if (view.kind === 'text') inline.push(view.text);
    else if (view.kind === 'item') inline.push(view.url ? `${view.label} ${view.url}` : view.label);
    else {
      inline.push(view.label);
      if (depth + 1 >= MAX_RELAY_DEPTH) nested.push(`${INDENT}[more forwarded messages not shown]`);
      else {
        for (const m of view.messages)
          nested.push(...relayedLines(m, options, depth + 1).map((l) => INDENT + l));
        for (const a of view.abstracts) nested.push(`${INDENT}${a}`);
      }
    }
  }
  const [first = '', ...rest] = inline.join(' ').split(/\r?\n/);
  // Indentation is relative: each forward level adds one INDENT when its lines are placed by the caller.
  return [first, ...rest.map((line) => INDENT + line), ...nested];
}

function relayedLines(message: RelayedMessageOutput, options: RenderOptions, depth: number): string[] {
  const at = message.MsgTimeStamp
    ? `[${formatDateTime(message.MsgTimeStamp * 1000, options.timeZone)}] `
    : '';
  const who = senderLabel(message.From_Account, options) || 'unknown';
  const [first = '', ...rest] = bodyLines(message.MsgBody, options, depth);
  return [`${at}${who}: ${first}`, ...rest];
}

/** One chat message as transcript lines (the first line carries time and sender). */
export function messageLines(message: ChatMessage, options: RenderOptions = {}): string[] {
  const at = formatDateTime(message.Timestamp, options.timeZone);
  const who = senderLabel(message.FromAccount, options);
  const [first = '', ...rest] = bodyLines(message.MsgBody, options, 0);
  return [`[${at}] ${roleLabel(message.FromAccountRole)}${who ? ` ${who}` : ''}: ${first}`, ...rest];
}

/**
 * A plain-text transcript of chat messages, for a file upload: one line per message,
 * `[2026-11-20 10:03:12] Agent shannon@qq.com: hello`, times in `timeZone` (default UTC). Every element
 * type has a reading (files and media as name + link, locations as coordinates, custom elements as their
 * description or data, forwarded messages as an indented nested transcript, unknown types as
 * `[unsupported message: TYPE]`), oldest first. Sender accounts are masked unless `showNumbers`; message text is kept
 * verbatim (it is a file, not mrkdwn).
 *
 * @example
 * const text = transcriptText(response.Messages, { timeZone: 'Asia/Shanghai' });
 * await client.files.uploadV2({ channel_id, thread_ts, filename: 'transcript.txt', content: text });
 */
export function transcriptText(messages: readonly ChatMessage[], options: RenderOptions = {}): string {
  if (messages.length === 0) return 'No messages in this session.\n';
  const ordered = [...messages].sort((a, b) => a.Timestamp - b.Timestamp);
  return `${ordered.flatMap((m) => messageLines(m, options)).join('\n')}\n`;
}
