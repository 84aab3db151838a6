import { currentStateLabel, type GetSessionStateResponse } from '@ccc-kit/schemas';
import { context, fields, section } from './blocks.ts';
import { escapeMrkdwn, mrkdwnCode } from './escape.ts';
import { fitToLimits } from './limits.ts';
import type { SlackMessage } from './types.ts';

// Emoji next to the words, never instead of them.
const STATE_EMOJI: Readonly<Record<string, string>> = {
  Chatbot: ':robot_face:',
  WaitingForAgentAnswering: ':bell:',
  Queuing: ':hourglass_flowing_sand:',
  Agent: ':headphones:',
};

/**
 * The live state of a chat session (Desk `get_session_state`): who is serving the customer right now.
 *
 * @example
 * await respond(sessionStateMessage(await desk.getSessionState({ SessionId })));
 */
export function sessionStateMessage(state: GetSessionStateResponse): SlackMessage {
  const raw = state.CurrentState ?? '';
  const label = currentStateLabel(raw);
  const emoji = STATE_EMOJI[raw] ?? ':white_circle:';
  const session = state.SessionId ? mrkdwnCode(state.SessionId) : '_unknown session_';
  return fitToLimits({
    text: `Chat session ${escapeMrkdwn(state.SessionId ?? '')}: ${escapeMrkdwn(label)}`,
    blocks: [
      section(`${emoji} *${escapeMrkdwn(label)}*\nChat session ${session}`),
      fields([
        ['State', raw ? mrkdwnCode(raw) : undefined],
        ['Agent', state.AgentId ? escapeMrkdwn(state.AgentId) : undefined],
      ]),
      context(['Live state from Desk; it changes as the chat moves on.']),
    ],
  });
}
