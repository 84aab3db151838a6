import type { Reply } from '../deps.ts';
import { ephemeral } from '../replies.ts';

/** What an action handler reads from a button click (no Bolt types). */
export interface ActionInput {
  /** The button's `value`. */
  readonly value: string | undefined;
  /** The `block_id` of the actions block holding the button. */
  readonly blockId: string | undefined;
  /** Whether the button is on an ephemeral message (only then may an answer replace it). */
  readonly onEphemeral: boolean;
  /** The click's `trigger_id` (opens a modal within 3 seconds). */
  readonly triggerId?: string | undefined;
}

/** The answer to a button whose value this bot cannot read (tampered with, or from an older version). */
export const invalidButtonReply = (): Reply =>
  ephemeral('This button is out of date or was not made by this app; run the command again.');
