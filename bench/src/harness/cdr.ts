import { repairedSamples } from '@ccc-kit/schemas/fixtures';

/** Marker replaced by a fresh id in every request (see the load worker). */
export const ID_MARKER = '{{id}}';

interface Participant extends Record<string, unknown> {
  Sequence: number;
}

/**
 * The documentation's seed CDR push grown to a realistic 3 KB: a call that went through a queue and two
 * transfers has three more participants than the doc sample, each with its own record id and timestamps.
 * `SessionId` is {@link ID_MARKER}, so each request can be a distinct call.
 */
export function cdrTemplate(): string {
  const seed = JSON.parse(repairedSamples.cdrPushSeed) as Record<string, unknown> & {
    ServeParticipants: Participant[];
  };
  const first = seed.ServeParticipants[0] as Participant;
  const participants = [0, 1, 2, 3].map((n) => ({
    ...first,
    Mail: `agent${n}@example.com`,
    RecordId: `dbe87035-019c-4a1b-bf4f-c29701ad31${n}d`,
    Sequence: n,
    RingTimestamp: 1677140068 + n * 30,
    AcceptTimestamp: 1677140069 + n * 30,
    EndedTimestamp: 1677140081 + n * 30,
    StartTimestamp: 1677140068 + n * 30,
    TransferFrom: n === 0 ? '' : `agent${n - 1}@example.com`,
    TransferFromType: n === 0 ? '' : 'seat',
    TransferTo: n === 3 ? '' : `agent${n + 1}@example.com`,
    TransferToType: n === 3 ? '' : 'seat',
  }));
  const cdr = {
    ...seed,
    SessionId: ID_MARKER,
    ServeParticipants: participants,
    IVRKeyPressed: ['1', '3'],
    IVRKeyPressedEx: [
      { Key: '1', Label: 'Sales', Timestamp: 1677140060 },
      { Key: '3', Label: 'Existing orders', Timestamp: 1677140064 },
    ],
  };
  return JSON.stringify(cdr);
}

/** `count` distinct CDR strings (different SessionId, durations and caller) of the template's shape. */
export function distinctCdrs(count: number, template: string = cdrTemplate()): string[] {
  return Array.from({ length: count }, (_, i) =>
    template
      .replace(ID_MARKER, `a97d3e1f-a88b-403b-9b3a-${i.toString(16).padStart(12, '0')}`)
      .replace('"Duration":0', `"Duration":${(i * 37) % 3600}`)
      .replace('0086400xxx6666', `00864001${String(i).padStart(6, '0')}`),
  );
}
