import type { PushKind } from '@ccc-kit/cdr-parser';

// Which push a body is, from the fields only one kind has (packages/schemas/src/push/*): a CDR names the
// call's numbers and direction; an IM CDR the customer's `UserId`/`UserNickName` (a CDR has them only
// inside `SeatUser`); a recording has `RecordId` with its link or endpoint (a CDR may have `RecordId`, but
// never `RecordURL`); a voicemail has `RecordURL` without `RecordId`.

const CALL_FIELDS = [
  'Caller',
  'Callee',
  'ProtectedCaller',
  'ProtectedCallee',
  'Direction',
  'CallType',
  'HungUpSide',
  'ServeParticipants',
  'CallerLocation',
  'TelLocation',
] as const;
const CHAT_FIELDS = ['UserId', 'UserNickName'] as const;

const SIGNS: Readonly<Record<PushKind, (body: Record<string, unknown>) => boolean>> = {
  cdr: (body) => CALL_FIELDS.some((field) => field in body),
  imcdr: (body) => CHAT_FIELDS.some((field) => field in body),
  record: (body) => 'RecordId' in body && ('RecordURL' in body || 'EndpointUser' in body),
  voicemail: (body) => 'RecordURL' in body && !('RecordId' in body),
};

/** The kind of a push body, or why it cannot be told. */
export type DetectedAction = { ok: true; action: PushKind } | { ok: false; problem: string };

/**
 * Tells a push's `action` from its body's fields, for `routes check --push` without `--action`; refuses
 * when no kind's fields, or more than one kind's, are there.
 *
 * @example
 * detectAction({ SessionId: 's', RecordURL: 'https://…', EndpointUser: '139…' }); // { ok: true, action: 'voicemail' }
 */
export function detectAction(body: unknown): DetectedAction {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problem: 'it is not a JSON object, so it is no push' };
  const record = body as Record<string, unknown>;
  const kinds = (Object.keys(SIGNS) as PushKind[]).filter((kind) => SIGNS[kind](record));
  if (kinds.length === 1 && kinds[0]) return { ok: true, action: kinds[0] };
  const why =
    kinds.length === 0
      ? `none of the fields that tell a CDR (${CALL_FIELDS.slice(0, 3).join(', ')}, …), an IM CDR (${CHAT_FIELDS.join(', ')}), a recording (RecordId with RecordURL) or a voicemail (RecordURL without RecordId)`
      : `fields of more than one kind (${kinds.join(', ')})`;
  return { ok: false, problem: `its kind cannot be told: it has ${why}` };
}
