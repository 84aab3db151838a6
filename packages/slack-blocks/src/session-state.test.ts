import { parseGetSessionStateResponse } from '@ccc-kit/schemas';
import { samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { sessionStateMessage } from './session-state.ts';
import { wireView } from './test-utils/view.ts';

const envelope = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };

describe('sessionStateMessage', () => {
  test('the seed sample: an agent is serving', () => {
    const state = parseGetSessionStateResponse(JSON.parse(samples.deskSessionStateResponse));
    expect(wireView(sessionStateMessage(state))).toMatchInlineSnapshot(`
      "text: Chat session a-b-c-d-e: An agent is serving the customer
      [section] :headphones: *An agent is serving the customer*
      Chat session \`a-b-c-d-e\`
      [field] *State* = \`Agent\`
      [field] *Agent* = test@qq.com
      [context] Live state from Desk; it changes as the chat moves on."
    `);
  });

  test('a state Desk added later reads as not in session, with the raw value kept', () => {
    const state = parseGetSessionStateResponse({ ...envelope, SessionId: 's-1', CurrentState: 'Paused' });
    expect(wireView(sessionStateMessage(state))).toMatchInlineSnapshot(`
      "text: Chat session s-1: Not in session (Paused)
      [section] :white_circle: *Not in session (Paused)*
      Chat session \`s-1\`
      [field] *State* = \`Paused\`
      [context] Live state from Desk; it changes as the chat moves on."
    `);
  });

  test('an agent id with markup is escaped', () => {
    const state = parseGetSessionStateResponse({
      ...envelope,
      SessionId: 's',
      CurrentState: 'Agent',
      AgentId: '<!channel>',
    });
    expect(JSON.stringify(sessionStateMessage(state))).not.toContain('<!channel>');
  });
});
