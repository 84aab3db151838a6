import { oneLine } from './body.ts';
import { formatDuration as fd } from './duration.ts';
import { CdrParserError, CdrParserErrorCode } from './errors.ts';
import { assertTimeZone, formatTime } from './format-time.ts';
import type {
  CallOutcome,
  CallRecord,
  ChatOutcome,
  ChatRecord,
  Durations,
  Fact,
  Severity,
  Summary,
} from './record-types.ts';
import { agentFact, callTitle, chatTitle, groupFact } from './summary-titles.ts';
import { display } from './timeline.ts';

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** IANA time zone of the times shown, e.g. `Asia/Shanghai`. Default `UTC`. */
  readonly timeZone?: string;
}

const CALL_SEVERITY: Readonly<Record<CallOutcome, Severity>> = {
  answered: 'info',
  ivr_only: 'info',
  ai_handled: 'info',
  missed: 'warning',
  abandoned_in_ivr: 'warning',
  not_answered: 'warning',
  outside_hours: 'warning',
  voicemail: 'warning',
  // A status Tencent added after this table was written deserves a look rather than silence.
  unknown: 'warning',
  failed: 'alert',
  blocked: 'alert',
};

const CHAT_SEVERITY: Readonly<Record<ChatOutcome, Severity>> = {
  answered: 'info',
  timed_out: 'info',
  transferred: 'info',
  ivr_only: 'info',
  missed: 'warning',
  abandoned_in_ivr: 'warning',
  outside_hours: 'warning',
  unknown: 'warning',
  failed: 'alert',
};

const TITLE_MAX = 150;
const VALUE_MAX = 300;

/** A fact value: `free` text gets long digit runs masked; `safe` values are already display forms. */
type Row = readonly [label: string, value: string | null | undefined, kind?: 'free' | 'safe'];

function durationRows(d: Durations, labels: readonly [string, string, string, string]): Row[] {
  return [
    [labels[0], d.ivr > 0 ? fd(d.ivr) : null, 'safe'],
    [labels[1], d.queueWait > 0 ? fd(d.queueWait) : null, 'safe'],
    [labels[2], d.ring > 0 ? fd(d.ring) : null, 'safe'],
    [labels[3], d.talk > 0 ? fd(d.talk) : null, 'safe'],
    ['Total', fd(d.total), 'safe'],
  ];
}

function callRows(r: CallRecord, timeZone: string): Row[] {
  const hungUp = r.hungUpBy && { agent: 'Agent', customer: 'Customer', system: 'System' }[r.hungUpBy];
  const s = r.satisfaction;
  return [
    ['Call type', r.callTypeLabel, 'safe'],
    ['From', r.caller.masked, 'safe'],
    ['To', r.callee.masked, 'safe'],
    ['Agent', agentFact(r.agent)],
    ['Skill group', groupFact(r.skillGroup)],
    ['End status', r.endStatus.raw ? `${r.endStatus.meaning} (${r.endStatus.raw})` : r.endStatus.meaning],
    ['Hung up by', hungUp],
    ['Started', r.startedAt && formatTime(r.startedAt, timeZone), 'safe'],
    ...durationRows(r.durations, ['IVR', 'Queue wait', 'Ringing', 'Talk time']),
    ['Transfers', r.transfers > 0 ? String(r.transfers) : null, 'safe'],
    ['Satisfaction', s && (s.label ? `${s.key} · ${s.label}` : s.key)],
    ['IVR keys', r.ivrKeys.map((k) => (k.label ? `${k.key} (${k.label})` : k.key)).join(' → ')],
    ['Location', r.location],
    ['Remark', r.remark],
    ['UUI', r.uui],
    ['Recording', r.hasRecording ? 'Available' : null, 'safe'],
    ['Session', r.sessionId, 'safe'],
  ];
}

function chatRows(r: ChatRecord, timeZone: string): Row[] {
  const c = r.customer;
  return [
    ['Customer', c.nickname ? `${display(c.nickname, 80)} · ${c.id.masked}` : c.id.masked, 'safe'],
    ['Agent', agentFact(r.agent)],
    ['Skill group', groupFact(r.skillGroup)],
    ['End status', r.endStatus.raw ? `${r.endStatus.meaning} (${r.endStatus.raw})` : r.endStatus.meaning],
    ['Started', r.startedAt && formatTime(r.startedAt, timeZone), 'safe'],
    ...durationRows(r.durations, ['Bot', 'Queue wait', 'Waiting for agent', 'Chat time']),
    ['Bot keys', r.ivrKeys.map((k) => k.key).join(' → ')],
    ['Remark', r.remark],
    ['Session', r.sessionId, 'safe'],
  ];
}

const toFacts = (rows: readonly Row[]): Fact[] =>
  rows
    .filter((row): row is readonly [string, string, ('free' | 'safe')?] => !!row[1])
    .map(([label, value, kind]) => [
      label,
      kind === 'safe' ? oneLine(value, VALUE_MAX) : display(value, VALUE_MAX),
    ]);

/**
 * The words the Slack layer shows for a call or chat record: a title (≤ 150 characters), a severity
 * (`info` answered/IVR/AI, `warning` missed/abandoned/not answered/outside hours/voicemail/unknown, `alert`
 * failed/blocked) and `[label, value]` facts with every number masked. Times are shown in `timeZone`.
 *
 * @throws {CdrParserError} `cdr_parser_invalid_option` for an unknown `timeZone`.
 * @example
 * summarize(toCallRecord(cdr), { timeZone: 'Asia/Shanghai' }).title;
 * // 'Missed inbound call · waited 2m 05s in Sales'
 */
export function summarize(record: CallRecord | ChatRecord, options: SummarizeOptions = {}): Summary {
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  if (record?.kind === 'call')
    return {
      title: oneLine(callTitle(record), TITLE_MAX),
      severity: CALL_SEVERITY[record.outcome] ?? 'warning',
      facts: toFacts(callRows(record, timeZone)),
    };
  if (record?.kind === 'chat')
    return {
      title: oneLine(chatTitle(record), TITLE_MAX),
      severity: CHAT_SEVERITY[record.outcome] ?? 'warning',
      facts: toFacts(chatRows(record, timeZone)),
    };
  throw new CdrParserError(
    CdrParserErrorCode.InvalidInput,
    'summarize needs a record from toCallRecord or toChatRecord',
  );
}
