/**
 * `StaffStatusMetrics.Status` values (DescribeStaffStatusMetrics), also the values of its `StatusList`
 * filter. `busy` is set by the system while the agent serves a session; agents set only `free`, `rest` and
 * `notReady` themselves (SetStaffStatus).
 */
export const StaffStatus = {
  Free: 'free',
  Busy: 'busy',
  Rest: 'rest',
  NotReady: 'notReady',
  AfterCallWork: 'afterCallWork',
  Offline: 'offline',
} as const;
/** Known agent statuses. */
export type StaffStatus = (typeof StaffStatus)[keyof typeof StaffStatus];

/** Human labels of {@link StaffStatus}, after the wording of Tencent's international documentation. */
export const StaffStatusLabel: Readonly<Record<StaffStatus, string>> = {
  free: 'Available',
  busy: 'Busy',
  rest: 'On break',
  notReady: 'Not ready',
  afterCallWork: 'After-call work',
  offline: 'Offline',
};

/** Label of an agent status; a value Tencent adds later stays visible as itself. */
export const staffStatusLabel = (value: string | null | undefined): string =>
  value == null || value === '' ? 'Unknown status' : (StaffStatusLabel[value as StaffStatus] ?? value);

/** `StaffStatusExtra.Type`: the channel of the agent's session (`im` text, `tel` phone, `all` omni-channel). */
export type StaffStatusChannel = 'im' | 'tel' | 'all';
/**
 * `StaffStatusExtra.Direct`: `in` or `out` as the SDK documents it; Tencent's own sample answers `callin`,
 * so any other string must be expected too.
 */
export type StaffStatusDirection = 'in' | 'out';
