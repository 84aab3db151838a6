import { DOCUMENTED_CALLS } from '../dataset/documented.ts';
import type { Dataset } from '../dataset/types.ts';
import type { PushResult } from '../pusher/deliver.ts';
import type { PushItem } from '../pusher/push-item.ts';

/** A push and the session it belongs to, as the report names it. */
export type ReportedItem = PushItem & { readonly sessionId: string | undefined };

/** A command worth trying on the pushed data, and why. */
export interface Suggestion {
  readonly command: string;
  readonly what: string;
}

/** "43 cdr, 12 record, 13 imcdr": how many pushes of each action, in Tencent's order. */
export function countByAction(items: readonly PushItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.action, (counts.get(item.action) ?? 0) + 1);
  return ['cdr', 'record', 'voicemail', 'imcdr']
    .filter((action) => counts.has(action))
    .map((action) => `${counts.get(action)} ${action}`)
    .join(', ');
}

const isDuplicate = (result: PushResult): boolean => {
  try {
    return (JSON.parse(result.lastReply ?? '') as { ErrMsg?: unknown }).ErrMsg === 'duplicate';
  } catch {
    return false;
  }
};

const why = (result: PushResult): string => {
  const answer = result.lastReply ? `: ${result.lastReply.slice(0, 300)}` : '';
  const status =
    result.lastStatus === null ? (result.failure?.message ?? 'no answer') : `HTTP ${result.lastStatus}`;
  return `${status}${answer} (after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'})`;
};

/**
 * The summary of a run: pushed, acknowledged, duplicates (acknowledged with `ErrMsg: "duplicate"`, the
 * webhook's answer to a push it already stored), and each refused push with the webhook's answer.
 */
export function pushSummary(items: readonly ReportedItem[], results: readonly PushResult[]): string {
  const refused = results.filter((r) => !r.delivered);
  const duplicates = results.filter((r) => r.delivered && isDuplicate(r)).length;
  const sessionOf = new Map(items.map((item) => [item.pushId, item.sessionId ?? '?']));
  const lines = [
    `  pushed        ${results.length}`,
    `  acknowledged  ${results.length - refused.length} (ErrCode 0)${duplicates ? `, of which ${duplicates} duplicate${duplicates === 1 ? '' : 's'} (the webhook had already stored a push of that session or push id, and kept it)` : ''}`,
    `  refused       ${refused.length}`,
    ...refused.slice(0, 10).map((r) => `    ${r.action} ${sessionOf.get(r.pushId)}: ${why(r)}`),
    ...(refused.length > 10 ? [`    … and ${refused.length - 10} more`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** A few sessions of a generated day that show what the bot answers: documented ids first. */
export function suggestionsForDay(dataset: Dataset): Suggestion[] {
  const answered = dataset.calls.filter((c) => c.push.EndStatusString === 'ok' && c.push.Direction === 0);
  const legs = (c: (typeof answered)[number]): number => c.push.ServeParticipants.length;
  const busiest = [...answered].sort((a, b) => legs(b) - legs(a))[0];
  const voicemail = dataset.calls.find((c) => c.voicemail);
  const chat = dataset.chats.find((c) => !c.state.CurrentState && c.messages.length >= 8);
  const documented = DOCUMENTED_CALLS.find((c) => c.plan.status === 'ok');
  return [
    ...(documented && dataset.calls.some((c) => c.sessionId === documented.sessionId)
      ? [
          {
            command: `/ccc call ${documented.sessionId}`,
            what: "answered outbound call (Tencent's documented id)",
          },
        ]
      : []),
    ...(busiest ? [{ command: `/ccc call ${busiest.sessionId}`, what: 'answered inbound call' }] : []),
    ...(voicemail
      ? [{ command: `/ccc call ${voicemail.sessionId}`, what: 'missed call with a voicemail' }]
      : []),
    ...(chat ? [{ command: `/ccc transcript ${chat.sessionId}`, what: 'chat transcript' }] : []),
  ];
}

/** What to try for the session of one pushed file. */
export function suggestionsForFile(item: ReportedItem): Suggestion[] {
  if (!item.sessionId) return [];
  return item.action === 'imcdr'
    ? [{ command: `/ccc transcript ${item.sessionId}`, what: 'this chat' }]
    : [{ command: `/ccc call ${item.sessionId}`, what: 'the call of this push' }];
}

/** The suggestions as `pnpm sandbox slash "…"` lines. */
export const suggestionText = (suggestions: readonly Suggestion[]): string =>
  suggestions.length === 0
    ? ''
    : `SessionIds to try with the bot:\n${suggestions
        .map((s) => `  pnpm sandbox slash "${s.command}"   # ${s.what}`)
        .join('\n')}\n`;
