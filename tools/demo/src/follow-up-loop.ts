import type { Sandbox } from '@ccc-kit/sandbox';
import type { SignedRequestResult, SlackMessageRecord } from '@ccc-kit/sandbox/slack';
import {
  ACTION_FOLLOW_UP_CALL,
  ACTION_FOLLOW_UP_TAKE,
  decodeActionValue,
  messageToText,
} from '@ccc-kit/slack-blocks';
import { DemoError, DemoErrorCode } from './errors.ts';
import type { ExchangeReport } from './report.ts';

/** The Slack user who clicks in the demo, and the CCC agent they are (matched by email). */
const CLICKER = 'U0DEMOAGENT';

/** What the loop needs from the running stack. */
export interface FollowUpLoopContext {
  readonly sandbox: Sandbox;
  readonly eventsUrl: string;
  /** Where missed calls are posted, e.g. `#support-missed`. */
  readonly channel: string;
  /** The webhook's push endpoint and credentials: the callback's CDR goes there, as Tencent would push it. */
  readonly push: { readonly url: string; readonly user: string; readonly password: string };
  /** Waits until the webhook has posted everything (including post edits). */
  readonly drained: () => Promise<void>;
  readonly timeoutMs: number;
}

interface ButtonBlock {
  readonly block_id?: string;
  readonly elements?: readonly Record<string, unknown>[];
}

/**
 * The newest post of `channel` with a button `actionId` (and, when given, about a mainland customer whom
 * Tencent's call-back API can dial), and that button as Slack sends it back.
 */
function postWithButton(sandbox: Sandbox, channel: string, actionId: string, ts?: string) {
  const dialable = (message: SlackMessageRecord) => {
    const call = sandbox.dataset.calls.find((c) => JSON.stringify(message.blocks).includes(c.sessionId));
    return String(call?.push.Caller ?? '').startsWith('0086');
  };
  const posts = sandbox.slack.messages(channel).filter((m) => (ts ? m.ts === ts : dialable(m)));
  for (const message of posts.reverse())
    for (const block of (message.blocks ?? []) as readonly ButtonBlock[]) {
      const button = block.elements?.find((e) => e.action_id === actionId);
      if (button) return { message, button: { ...button, block_id: block.block_id, action_ts: message.ts } };
    }
  throw new DemoError(DemoErrorCode.Unexpected, `no post in ${channel} has a ${actionId} button`);
}

/** Polls `read` until it returns something, or fails the demo after `timeoutMs` naming `what`. */
export async function until<T>(what: string, timeoutMs: number, read: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new DemoError(DemoErrorCode.ReplyTimeout, `${what}: nothing within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const text = (message: Pick<SlackMessageRecord, 'text' | 'blocks'>): string =>
  messageToText({ text: message.text ?? '', blocks: (message.blocks ?? []) as never });

const replyOf = (context: FollowUpLoopContext, request: SignedRequestResult, what: string, nth = 1) =>
  until(what, context.timeoutMs, () => {
    const reply = context.sandbox.slack.responses(request.responseUrl)[nth - 1];
    return reply ? text({ text: reply.text ?? '', blocks: reply.blocks }) : undefined;
  });

/**
 * The missed-call loop, as a support lead lives it in Slack: a missed call is posted with its follow-up
 * buttons; the demo's agent clicks **I'll call back**, then **Call back now** (CCC's CreateCallOutSession
 * from their own agent account, found by their Slack email); Tencent's CDR of the callback arrives as a push;
 * the missed post turns "Reached the customer" by itself. Then `/ccc calls` shows the customer's calls.
 */
export async function runFollowUpLoop(context: FollowUpLoopContext): Promise<ExchangeReport[]> {
  const { sandbox, channel } = context;
  const agent = sandbox.dataset.agents.find((a) => a.phone);
  if (!agent) throw new DemoError(DemoErrorCode.Unexpected, 'the dataset has no agent with a mobile');
  sandbox.slack.createUser({ id: CLICKER, name: agent.name, email: agent.mail });
  const { message, button } = postWithButton(sandbox, channel, ACTION_FOLLOW_UP_TAKE);
  const decoded = decodeActionValue((button as { value?: unknown }).value);
  const sessionId = decoded.ok && 'sessionId' in decoded.value ? decoded.value.sessionId : '';
  const click = (actionId: string) =>
    sandbox.slack.sendInteraction({
      url: context.eventsUrl,
      userId: CLICKER,
      channelId: message.channel,
      messageTs: message.ts,
      payload: { actions: [{ ...postWithButton(sandbox, channel, actionId, message.ts).button }] },
    });
  const exchanges: ExchangeReport[] = [];
  const taken = await click(ACTION_FOLLOW_UP_TAKE);
  exchanges.push({
    action: `${agent.name} clicked "I'll call back" in ${channel}`,
    reply: await replyOf(context, taken, 'I will call back'),
  });
  sandbox.attachPushTarget({
    url: context.push.url,
    auth: { basic: { user: context.push.user, password: context.push.password } },
  });
  const calling = await click(ACTION_FOLLOW_UP_CALL);
  exchanges.push({
    action: `${agent.name} clicked "Call back now"`,
    reply: await replyOf(context, calling, 'Call back now'),
  });
  const missedPost = () => sandbox.slack.messages(channel).find((m) => m.ts === message.ts);
  await until('the callback reaching the customer', context.timeoutMs, () =>
    missedPost() && text(missedPost() as SlackMessageRecord).includes('Reached the customer')
      ? true
      : undefined,
  );
  await context.drained();
  exchanges.push({
    action: `The missed call's post in ${channel}, after Tencent pushed the callback's CDR`,
    reply: text(missedPost() as SlackMessageRecord),
  });
  const number = String(sandbox.dataset.calls.find((c) => c.sessionId === sessionId)?.push.Caller ?? '');
  const lookup = await sandbox.slack.sendSlashCommand({
    url: context.eventsUrl,
    command: '/ccc',
    text: `calls ${number}`,
    userId: CLICKER,
  });
  exchanges.push({
    action: `/ccc calls <the customer's number>`,
    reply: await replyOf(context, lookup, '/ccc calls', 2),
  });
  return exchanges;
}
