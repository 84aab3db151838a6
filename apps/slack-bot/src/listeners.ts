import {
  ACTION_CALL_DETAILS,
  ACTION_CALL_RECORDING,
  ACTION_CALLS_MORE,
  ACTION_FOLLOW_UP_CALL,
  ACTION_FOLLOW_UP_REOPEN,
  ACTION_FOLLOW_UP_RESOLVE,
  ACTION_FOLLOW_UP_TAKE,
  ACTION_HOME_REFRESH,
  ACTION_MISSED_MORE,
  ACTION_SESSIONS_MORE,
  ACTION_SHARE,
  ACTION_VOICEMAIL,
  FOLLOW_UP_RESOLVE_MODAL,
} from '@ccc-kit/slack-blocks';
import type { AllMiddlewareArgs, App, BlockAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ActionInput } from './actions/action-input.ts';
import { callDetails } from './actions/call-details.ts';
import { callRecording } from './actions/call-recording.ts';
import { callsMore } from './actions/calls-more.ts';
import { reopenFollowUp, takeFollowUp } from './actions/follow-up.ts';
import { callBackNow } from './actions/follow-up-call.ts';
import { openResolveModal, submitResolve } from './actions/follow-up-resolve.ts';
import { missedMore } from './actions/missed-more.ts';
import { sessionsMore } from './actions/sessions-more.ts';
import { shareToChannel } from './actions/share.ts';
import { playVoicemail } from './actions/voicemail.ts';
import { type AfterAck, createAfterAck } from './after-ack.ts';
import { runCommand } from './commands/run-command.ts';
import type { BotDeps, Invocation, Reply } from './deps.ts';
import { describeFailure } from './failures.ts';
import { createHomePublisher, directReply } from './home/publish.ts';
import { ephemeral } from './replies.ts';

type ActionHandler = (deps: BotDeps, inv: Invocation, input: ActionInput) => Promise<void>;

/**
 * Replies through Bolt's `respond`, logging (not throwing) when Slack refuses, e.g. an expired URL.
 * Replies to buttons say `replace_original: false` unless they mean it: a button on a channel post must
 * never turn that post into the clicker's answer.
 */
function responder(deps: BotDeps, respond: RespondFn, fromButton = false): Invocation['respond'] {
  return async (reply: Reply) => {
    const message = {
      response_type: 'ephemeral' as const,
      ...reply,
      ...(fromButton ? { replace_original: reply.replace_original ?? false } : {}),
    };
    try {
      await respond(message as Parameters<RespondFn>[0]);
    } catch (error) {
      deps.logger.warn({ err: describeFailure(error) }, 'reply through response_url refused');
    }
  };
}

function onAction(deps: BotDeps, afterAck: AfterAck, name: string, handler: ActionHandler) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    await afterAck(() => runAction(deps, { name, handler, body, action, respond }));
  };
}

interface ActionRun extends Pick<SlackActionMiddlewareArgs<BlockAction>, 'body' | 'action' | 'respond'> {
  readonly name: string;
  readonly handler: ActionHandler;
}

/** A button of the Home tab: it has no response URL, so its answer goes to the clicker's DM. */
const fromHome = (body: BlockAction): boolean =>
  (body.container as { type?: unknown } | undefined)?.type === 'view' && body.view?.type === 'home';

async function runAction(deps: BotDeps, { name, handler, body, action, respond }: ActionRun): Promise<void> {
  const inv: Invocation = {
    userId: body.user.id,
    channelId: body.channel?.id,
    respond: fromHome(body) ? directReply(deps, body.user.id) : responder(deps, respond, true),
  };
  const refusal = deps.access.userRefusal(inv.userId);
  if (refusal) return inv.respond(ephemeral(refusal));
  deps.logger.debug({ action: name, user: inv.userId, channel: inv.channelId }, 'button');
  const input: ActionInput = {
    value: 'value' in action ? action.value : undefined,
    blockId: action.block_id,
    onEphemeral: (body.container as { is_ephemeral?: unknown } | undefined)?.is_ephemeral === true,
    triggerId: body.trigger_id,
  };
  await handler(deps, inv, input);
}

/**
 * The Home tab: published when a user opens it (`app_home_opened`, which Bolt acknowledges on receipt)
 * and on its Refresh button (acknowledged first, like every button).
 */
function registerHome(app: App, deps: BotDeps, afterAck: AfterAck): void {
  const publishHome = createHomePublisher(deps);
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await afterAck(() => publishHome(event.user));
  });
  app.action(ACTION_HOME_REFRESH, async ({ ack, body }) => {
    await ack();
    await afterAck(() => publishHome(body.user.id));
  });
}

/**
 * Registers the thin Bolt adapters: `/ccc` and the five buttons. Each acknowledges first, with an empty
 * body, before any work of ours (access checks, parsing, logging, user-group lookups): Slack's 3-second
 * window then only covers Bolt's signature check. Every answer follows through the response URL.
 */
export function registerListeners(app: App, deps: BotDeps, afterAck: AfterAck = createAfterAck()): void {
  app.command('/ccc', async ({ command, ack, respond }) => {
    await ack();
    const input = { text: command.text, userId: command.user_id, channelId: command.channel_id };
    await afterAck(() => runCommand(deps, input, responder(deps, respond)));
  });
  app.action(ACTION_CALL_DETAILS, onAction(deps, afterAck, 'call_details', callDetails));
  app.action(ACTION_CALL_RECORDING, onAction(deps, afterAck, 'call_recording', callRecording));
  app.action(ACTION_VOICEMAIL, onAction(deps, afterAck, 'voicemail', playVoicemail));
  app.action(ACTION_SESSIONS_MORE, onAction(deps, afterAck, 'sessions_more', sessionsMore));
  app.action(ACTION_CALLS_MORE, onAction(deps, afterAck, 'calls_more', callsMore));
  app.action(ACTION_MISSED_MORE, onAction(deps, afterAck, 'missed_more', missedMore));
  app.action(ACTION_SHARE, onAction(deps, afterAck, 'share', shareToChannel));
  app.action(ACTION_FOLLOW_UP_TAKE, onAction(deps, afterAck, 'follow_up_take', takeFollowUp));
  app.action(ACTION_FOLLOW_UP_CALL, onAction(deps, afterAck, 'follow_up_call', callBackNow));
  app.action(ACTION_FOLLOW_UP_RESOLVE, onAction(deps, afterAck, 'follow_up_resolve', openResolveModal));
  app.action(ACTION_FOLLOW_UP_REOPEN, onAction(deps, afterAck, 'follow_up_reopen', reopenFollowUp));
  // The form's answer decides whether it closes, so this acks with the webhook's result (within 2 s).
  registerHome(app, deps, afterAck);
  app.view(FOLLOW_UP_RESOLVE_MODAL, async ({ ack, body, view }) => {
    await ack(await submitResolve(deps, body.user.id, view));
  });
  app.error(async (error) => {
    deps.logger.error({ err: describeFailure(error) }, 'unhandled listener error');
  });
}
