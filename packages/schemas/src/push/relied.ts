/** The call's and chat's moments: durations, routing on queue wait and talk time, business hours, titles. */
const TIMES = ['StartTimestamp', 'QueuedTimestamp', 'RingTimestamp', 'AcceptTimestamp', 'EndedTimestamp'];
/** What the summaries name the agent by (`SeatUser` is the last agent). */
const SEAT_USER = ['Name', 'Nick', 'Mail', 'UserId', 'StaffNumber'].map((k) => `SeatUser.${k}`);
/**
 * Participant fields behind the summary: the agent when `SeatUser` is missing (last answering `Mail`), the
 * skill group when the queue's is missing, the queue wait (first agent ring), the transfer count and the
 * Recording button. `Sequence` orders the legs all of these are taken from.
 */
const PARTICIPANT = [
  'Sequence',
  'Mail',
  'RingTimestamp',
  'AcceptTimestamp',
  'SkillGroupId',
  'SkillGroupName',
  'TransferFrom',
  'TransferTo',
  'RecordId',
].map((k) => `ServeParticipants.*.${k}`);

/**
 * The fields of each push that ccc-kit relies on: identity, the times, and what routing and the Slack
 * summary read (the table in `@ccc-kit/cdr-parser`'s README says why for each). A wrong value in one of
 * them refuses the push; a wrong value anywhere else drops that field with a warning (see
 * `safeParseTolerant`). Array elements are written `*`.
 */
export const ReliedFields = {
  CdrPush: [
    'SessionId',
    'Caller',
    'Callee',
    'Direction',
    'CallType',
    'EndStatusString',
    ...TIMES,
    'QueuedSkillGroupId',
    'QueuedSkillGroupName',
    'HungUpSide',
    'RecordId',
    ...SEAT_USER,
    ...PARTICIPANT,
  ],
  ImCdrPush: [
    'SessionId',
    'EndStatusString',
    ...TIMES,
    'QueuedSkillGroupId',
    'QueuedSkillGroupName',
    'UserId',
    'UserNickName',
    'UserRemark',
    ...SEAT_USER,
  ],
  RecordPush: ['SessionId', 'RecordId', 'RecordURL', 'EndpointUser', 'Timestamp'],
  VoicemailPush: ['SessionId', 'RecordURL', 'EndpointUser', 'Timestamp'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
