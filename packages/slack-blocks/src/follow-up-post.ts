import { formatDuration, maskText } from '@ccc-kit/cdr-parser';
import type { Button, KnownBlock } from '@slack/types';
import {
  ACTION_FOLLOW_UP_CALL,
  ACTION_FOLLOW_UP_REOPEN,
  ACTION_FOLLOW_UP_RESOLVE,
  ACTION_FOLLOW_UP_TAKE,
} from './action-value.ts';
import { button, context, section } from './blocks.ts';
import { slackDate } from './dates.ts';
import { escapeMrkdwn, oneLine } from './escape.ts';
import {
  FOLLOW_UP_OUTCOMES,
  type FollowUpReach,
  type FollowUpView,
  MAX_FOLLOW_UP_NOTE,
} from './follow-up.ts';
import { clipText } from './truncate.ts';

// The follow-up parts of a call's post (`callSummaryMessage`), kept here so that builder stays short.

/** What a follow-up state changes in a call's post. */
export interface FollowUpPost {
  /** The status blocks between the header and the fields (the severity line, or what replaces it). */
  readonly blocks: KnownBlock[];
  /** Buttons shown before "Call details". */
  readonly buttons: Button[];
  /** Put before the fallback `text`. */
  readonly textPrefix: string;
}

/** Input of {@link followUpPost}. */
export interface FollowUpPostInput {
  /** The follow-up, only when the call needs one (`needsFollowUp`). */
  readonly followUp: FollowUpView | undefined;
  /** The post's severity line (`severityLine`), if any. */
  readonly status: string | undefined;
  /** The call's encoded button value; without it there are no buttons at all. */
  readonly value: string | undefined;
  readonly timeZone: string | undefined;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const MAX_UNIX = 4_102_444_800; // 2100-01-01: anything later was not written by a clock
const ELLIPSIS = '…';

/** A mention for a real-looking user id; anything else stored there is shown as escaped text. */
function userText(id: unknown): string {
  if (typeof id !== 'string' || !id.trim()) return 'someone';
  if (USER_ID.test(id)) return `<@${id}>`;
  return clipText(escapeMrkdwn(oneLine(id)), 80);
}

/** ` · <date token>`, or nothing for a missing or impossible time. */
function at(seconds: unknown, timeZone: string | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_UNIX)
    return '';
  return ` · ${slackDate(seconds, timeZone)}`;
}

/** "Reached · <date> by Wang Fang (outbound call, 3m 20s)": the call that closed it by itself. */
function reachedLine(reach: FollowUpReach, timeZone: string | undefined): string {
  const agent =
    typeof reach.agent === 'string' && reach.agent.trim()
      ? ` by ${clipText(escapeMrkdwn(oneLine(reach.agent)), 80)}`
      : '';
  const kind =
    reach.direction === 'outbound'
      ? 'outbound call'
      : reach.direction === 'inbound'
        ? 'inbound call'
        : 'call';
  const talk =
    Number.isFinite(reach.talkSeconds) && reach.talkSeconds > 0
      ? `, ${formatDuration(reach.talkSeconds)}`
      : '';
  return `:white_check_mark: *Reached the customer*${at(reach.at, timeZone)}${agent} (${kind}${talk})`;
}

function resolvedLine(f: FollowUpView, timeZone: string | undefined): string {
  if (f.reached) return reachedLine(f.reached, timeZone);
  const outcome =
    typeof f.outcome === 'string' && Object.hasOwn(FOLLOW_UP_OUTCOMES, f.outcome)
      ? `: ${FOLLOW_UP_OUTCOMES[f.outcome]}`
      : '';
  // Credit who took the call when someone else closed it: both did part of the work.
  const taker = f.takenBy && f.takenBy !== f.resolvedBy ? ` (taken by ${userText(f.takenBy)})` : '';
  return `:white_check_mark: *Resolved by ${userText(f.resolvedBy)}*${at(f.resolvedAt, timeZone)}${outcome}${taker}`;
}

/** The note as a context line: people type it and may paste a customer's number, so digit runs are masked. */
function noteLine(note: unknown): string | undefined {
  if (typeof note !== 'string' || !note.trim()) return undefined;
  const masked = maskText(note.trim());
  // Clipped before escaping (the limit counts what people typed); never through a surrogate pair.
  let cut = MAX_FOLLOW_UP_NOTE - ELLIPSIS.length;
  const code = masked.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const clipped =
    masked.length > MAX_FOLLOW_UP_NOTE ? `${masked.slice(0, cut).trimEnd()}${ELLIPSIS}` : masked;
  return `:memo: ${escapeMrkdwn(clipped)}`;
}

function resolvedBlocks(f: FollowUpView, timeZone: string | undefined): KnownBlock[] {
  const note = noteLine(f.note);
  return [section(resolvedLine(f, timeZone)), ...(note ? [context([note])] : [])];
}

/**
 * The status blocks, follow-up buttons and text prefix of a call's post. Without a follow-up: the severity
 * line alone, as before. `open` adds "I'll call back" and "Resolved"; `taken` adds a "Taken by" line and
 * keeps "Resolved"; `resolved` replaces the severity line with who resolved it, how, and the note, and
 * offers "Reopen". An unknown stored state reads as `open`.
 */
export function followUpPost(input: FollowUpPostInput): FollowUpPost {
  const { followUp: f, status, value, timeZone } = input;
  const statusBlocks = status ? [section(status)] : [];
  if (!f) return { blocks: statusBlocks, buttons: [], textPrefix: '' };
  const buttons = (...list: Array<readonly [string, string, 'primary'?]>): Button[] =>
    value ? list.map(([label, actionId, style]) => button(label, actionId, value, style)) : [];
  if (f.state === 'resolved')
    return {
      blocks: resolvedBlocks(f, timeZone),
      buttons: buttons(['Reopen', ACTION_FOLLOW_UP_REOPEN]),
      textPrefix: 'Resolved: ',
    };
  if (f.state === 'taken') {
    const taken = `:raising_hand: *Taken by ${userText(f.takenBy)}*${at(f.takenAt, timeZone)}`;
    const calling = f.callbackBy
      ? [
          section(
            `:telephone_receiver: *${userText(f.callbackBy)} is calling back*${at(f.callbackAt, timeZone)}`,
          ),
        ]
      : [];
    return {
      blocks: [...statusBlocks, section(taken), ...calling],
      buttons: buttons(['Call back now', ACTION_FOLLOW_UP_CALL], ['Resolved', ACTION_FOLLOW_UP_RESOLVE]),
      textPrefix: '',
    };
  }
  return {
    blocks: statusBlocks,
    buttons: buttons(
      ["I'll call back", ACTION_FOLLOW_UP_TAKE, 'primary'],
      ['Call back now', ACTION_FOLLOW_UP_CALL],
      ['Resolved', ACTION_FOLLOW_UP_RESOLVE],
    ),
    textPrefix: '',
  };
}
