import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  describeIssues,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseVoicemailPush,
} from '@ccc-kit/schemas';
import * as v from 'valibot';
import type { PushAction, PushItem } from '../pusher/push-item.ts';
import { UsageError } from './options.ts';

/** The `action`s Tencent pushes with, as `--action` takes them. */
export const PUSH_ACTIONS: readonly ['cdr', 'imcdr', 'record', 'voicemail'] = [
  'cdr',
  'imcdr',
  'record',
  'voicemail',
];

const PushBody = v.record(v.string(), v.unknown(), 'a push is a JSON object');

const PARSERS = {
  cdr: safeParseCdrPush,
  imcdr: safeParseImCdrPush,
  record: safeParseRecordPush,
  voicemail: safeParseVoicemailPush,
} as const;

// Fields only one kind of push has (Tencent's push pages): a call has parties, a chat has a customer id.
const CALL_FIELDS = ['Caller', 'Callee', 'Direction', 'ServeParticipants', 'CallType'];
const CHAT_FIELDS = ['UserId', 'UserNickName', 'ClientData'];

/**
 * The push a body is, from its fields: a call's parties make a `cdr`, a customer id an `imcdr`; otherwise a
 * `RecordId` makes a `record` and a `RecordURL` alone a `voicemail`. Undefined with the reason when the
 * fields do not tell.
 */
export function detectAction(body: Readonly<Record<string, unknown>>): PushAction | { readonly why: string } {
  const has = (names: readonly string[]) => names.filter((name) => name in body);
  const call = has(CALL_FIELDS);
  const chat = has(CHAT_FIELDS);
  if (call.length > 0 && chat.length > 0)
    return { why: `it has fields of a call (${call.join(', ')}) and of a chat (${chat.join(', ')})` };
  if (call.length > 0) return 'cdr';
  if (chat.length > 0) return 'imcdr';
  if ('RecordId' in body) return 'record';
  if ('RecordURL' in body) return 'voicemail';
  return {
    why: 'it has none of the fields that tell them apart (Caller or Callee: cdr; UserId: imcdr; RecordId: record; RecordURL alone: voicemail)',
  };
}

/** What `--file` sends: the item, and what the CLI should say about it. */
export interface FilePush {
  readonly item: PushItem & { readonly sessionId: string | undefined };
  readonly notes: readonly string[];
}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--file ${file}: not JSON (${(error as Error).message})`);
  }
  const body = v.safeParse(PushBody, json);
  if (!body.success)
    throw new UsageError(`--file ${file}: ${body.issues[0]?.message ?? 'not a JSON object'}`);
  return body.output;
}

/**
 * Reads one push from a JSON file: its action from `--action` or from its fields, checked with the
 * `@ccc-kit/schemas` parser of that action (the webhook's own checks) unless `raw`, so a typo is caught here
 * rather than as a refusal. Its `X-TCCC-PUSH-UUID` is `pushId`, else a fresh UUID as Tencent sends.
 */
export function readPushFile(
  file: string,
  options: { action: PushAction | undefined; raw: boolean; pushId: string | undefined },
): FilePush {
  const body = readJson(file);
  const detected = detectAction(body);
  const action = options.action ?? (typeof detected === 'string' ? detected : undefined);
  if (!action)
    throw new UsageError(
      `--file ${file}: cannot tell which push it is: ${(detected as { why: string }).why}. Pass --action ${PUSH_ACTIONS.join('|')}.`,
    );
  const notes: string[] = [];
  if (options.action && typeof detected === 'string' && detected !== options.action)
    notes.push(`${file} looks like a ${detected} push; sending it as --action ${options.action} as asked.`);
  const parsed = PARSERS[action](body);
  if (!parsed.ok && !options.raw)
    throw new UsageError(
      `--file ${file} is not a valid ${action} push: ${describeIssues(parsed.issues)}. The webhook would refuse it (HTTP 400, kept in its quarantine); to send it anyway, add --raw.`,
    );
  if (!parsed.ok)
    notes.push(
      `${file} is not a valid ${action} push (sent anyway, --raw): ${describeIssues(parsed.issues)}`,
    );
  const sessionId = typeof body.SessionId === 'string' ? body.SessionId : undefined;
  return { item: { action, body, pushId: options.pushId ?? randomUUID(), sessionId }, notes };
}
