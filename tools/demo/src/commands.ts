import type { Dataset } from '@ccc-kit/sandbox/dataset';
import type { SignedRequestResult, SlackEmulator } from '@ccc-kit/sandbox/slack';
import { ACTION_CALL_DETAILS, decodeActionValue, messageToText } from '@ccc-kit/slack-blocks';
import { DemoError, DemoErrorCode } from './errors.ts';
import type { ExchangeReport } from './report.ts';

/** Which reply of a `/ccc` lookup is its answer: the second, after the "Looking up…" note. */
const LOOKUP_ANSWER = 2;

/** Where an upload went, as a person reads it: `#name`, or the direct message of a `D…` channel. */
function uploadPlace(slack: SlackEmulator, channel: string | undefined): string {
  if (!channel) return 'nowhere';
  if (channel.startsWith('D')) return `your direct messages with the bot (${channel})`;
  const found = slack.channels().find((c) => c.id === channel);
  return found ? `#${found.name}` : channel;
}

/** The channel the demo's user types `/ccc` in (a transcript file goes to their DM; Share posts it here). */
export const COMMAND_CHANNEL = '#support';

/** Where the commands are typed, and by whom. */
export interface ExchangeContext {
  readonly slack: SlackEmulator;
  /** The bot's request URL (`…/slack/events`). */
  readonly eventsUrl: string;
  readonly dataset: Dataset;
  /** Where the user types the commands, e.g. `#support`. */
  readonly commandChannel: string;
  /** Whose webhook post gets clicked, e.g. `#calls`. */
  readonly postChannel: string;
  /** How long to wait for each answer. */
  readonly timeoutMs: number;
}

/** The sessions the demo asks about: picked from the dataset so every answer has content. */
export function pickSessions(dataset: Dataset): {
  call: string;
  clicked: string;
  chat: string;
  liveChat: string;
} {
  const answered = dataset.calls.filter((c) => c.push.EndStatusString === 'ok');
  const call = answered.find((c) => c.asr !== null) ?? dataset.calls[0];
  // The click shows the richest timeline: the answered call with the most legs (transfers).
  const legs = (c: (typeof answered)[number]): number => c.push.ServeParticipants.length;
  const clicked = answered.filter((c) => c !== call).sort((a, b) => legs(b) - legs(a))[0] ?? call;
  const finished = dataset.chats.filter((c) => !c.state.CurrentState);
  // A mid-sized transcript: long enough to show the preview, short enough to read.
  const chat = finished.find((c) => c.messages.length >= 8 && c.messages.length <= 40) ?? finished[0];
  const liveChat =
    dataset.chats.find((c) => c.state.CurrentState === 'Agent') ??
    dataset.chats.find((c) => c.state.CurrentState);
  if (!call || !clicked || !chat || !liveChat)
    throw new DemoError(DemoErrorCode.Unexpected, 'the dataset lacks a call, a chat or a live chat');
  return {
    call: call.sessionId,
    clicked: clicked.sessionId,
    chat: chat.sessionId,
    liveChat: liveChat.sessionId,
  };
}

const channelId = (slack: SlackEmulator, name: string): string => {
  const channel = slack.channels().find((c) => `#${c.name}` === name);
  if (!channel) throw new DemoError(DemoErrorCode.Unexpected, `the Slack emulator has no ${name} channel`);
  return channel.id;
};

/**
 * Waits for the bot's answer on the response URL of `request` and renders it as text. The answer is the
 * `nth` reply there: a click's first, a `/ccc` lookup's second (the bot's ack is empty; its first reply is
 * the "Looking up…" note, which the demo leaves out as a person's eye would skip it).
 */
async function answerOf(
  context: ExchangeContext,
  action: string,
  request: SignedRequestResult,
  nth = 1,
): Promise<string> {
  if (request.status !== 200)
    throw new DemoError(
      DemoErrorCode.ReplyTimeout,
      `${action}: the bot answered HTTP ${request.status} instead of acknowledging`,
    );
  const deadline = Date.now() + context.timeoutMs;
  for (;;) {
    const reply = context.slack.responses(request.responseUrl)[nth - 1];
    if (reply) return messageToText({ text: reply.text ?? '', blocks: (reply.blocks ?? []) as never });
    if (Date.now() > deadline)
      throw new DemoError(
        DemoErrorCode.ReplyTimeout,
        `${action}: no answer within ${context.timeoutMs / 1000} s`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface ButtonBlock {
  readonly block_id?: string;
  readonly elements?: readonly { readonly action_id?: string; readonly value?: string }[];
}

/** The "Call details" button of the post about `sessionId` in `channel`, as Slack sends it back on a click. */
function callDetailsButton(
  slack: SlackEmulator,
  channel: string,
  sessionId: string,
): { ts: string; button: Record<string, unknown> } {
  for (const message of slack.messages(channel)) {
    for (const block of (message.blocks ?? []) as readonly ButtonBlock[]) {
      const button = block.elements?.find((element) => element.action_id === ACTION_CALL_DETAILS);
      const decoded = decodeActionValue(button?.value);
      if (button && decoded.ok && 'sessionId' in decoded.value && decoded.value.sessionId === sessionId)
        return { ts: message.ts, button: { ...button, block_id: block.block_id, action_ts: message.ts } };
    }
  }
  throw new DemoError(
    DemoErrorCode.Unexpected,
    `no post in ${channel} has a "Call details" button for ${sessionId}`,
  );
}

/**
 * Types `/ccc call`, `/ccc transcript`, `/ccc state`, `/ccc sessions` and `/ccc stats` as Slack would (signed
 * requests to the bot), then clicks "Call details" on a webhook post; returns each answer as text.
 */
export async function runExchanges(context: ExchangeContext): Promise<ExchangeReport[]> {
  const { slack, eventsUrl, commandChannel, postChannel } = context;
  const ids = pickSessions(context.dataset);
  const commands = [
    `call ${ids.call}`,
    `transcript ${ids.chat}`,
    `state ${ids.liveChat}`,
    'sessions --since 7d',
    'stats yesterday',
  ];
  const exchanges: ExchangeReport[] = [];
  for (const text of commands) {
    const action = `/ccc ${text}`;
    const uploads = slack.uploads().length;
    const request = await slack.sendSlashCommand({
      url: eventsUrl,
      command: '/ccc',
      text,
      timeoutMs: context.timeoutMs,
      channelId: channelId(slack, commandChannel),
    });
    const reply = await answerOf(context, action, request, LOOKUP_ANSWER);
    const files = slack
      .uploads()
      .slice(uploads)
      .map((file) => `[file uploaded to ${uploadPlace(slack, file.channel)}: ${file.filename}]`);
    exchanges.push({
      action: `${action}   (typed in ${commandChannel})`,
      reply: [reply, ...files].join('\n'),
    });
  }
  const { ts, button } = callDetailsButton(slack, postChannel, ids.clicked);
  const action = `Clicked "Call details" on a post in ${postChannel}`;
  const click = await slack.sendInteraction({
    url: eventsUrl,
    payload: { actions: [button], container: { type: 'message', message_ts: ts, is_ephemeral: false } },
    messageTs: ts,
    timeoutMs: context.timeoutMs,
    channelId: channelId(slack, postChannel),
  });
  exchanges.push({ action, reply: await answerOf(context, action, click) });
  return exchanges;
}
