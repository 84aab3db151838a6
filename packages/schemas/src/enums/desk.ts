/** Desk `describe_im_cdr_list` `EndStatus` strings, with Tencent's meanings. */
export const DeskEndStatus = {
  AgentEndedSession: 'Agent ended the session',
  UserEndedSession: 'Customer ended the session',
  UserTimeout: 'Customer reply timed out',
  AgentTimeout: 'Agent reply timed out',
  ChatbotReception: 'Chatbot served the customer',
  NoAgentsOnline: 'No agent online',
  TimeoutTransfer: 'No agent available; transfer timed out',
  ManualTransfer: 'Manually transferred',
  UserAbandonedDuringQueueing: 'Customer abandoned while queued',
} as const;
/** Known Desk end statuses. */
export type DeskEndStatus = keyof typeof DeskEndStatus;

/** Meaning of a Desk end status; unknown values are shown as they are. */
export const deskEndStatusLabel = (value: string | null | undefined): string =>
  !value ? 'Unknown end status' : (DeskEndStatus[value as DeskEndStatus] ?? value);

/** Desk `get_session_state` `CurrentState` values; anything else means "not in session". */
export const CurrentState = {
  Chatbot: 'Chatbot',
  WaitingForAgentAnswering: 'WaitingForAgentAnswering',
  Queuing: 'Queuing',
  Agent: 'Agent',
} as const;
/** Known session states. */
export type CurrentState = (typeof CurrentState)[keyof typeof CurrentState];

/** Words for a session state, for people. */
export const currentStateLabel = (value: string | null | undefined): string => {
  switch (value) {
    case 'Chatbot':
      return 'Chatbot is serving the customer';
    case 'WaitingForAgentAnswering':
      return 'Waiting for an agent to accept';
    case 'Queuing':
      return 'Queued for an agent';
    case 'Agent':
      return 'An agent is serving the customer';
    default:
      return value ? `Not in session (${value})` : 'Not in session';
  }
};

/** `FromAccountRole` of a chat message. */
export const FromAccountRole = { User: 1, Agent: 2, System: 3 } as const;
/** Known roles. */
export type FromAccountRole = (typeof FromAccountRole)[keyof typeof FromAccountRole];
/** Human labels of {@link FromAccountRole}. */
export const FromAccountRoleLabel: Readonly<Record<FromAccountRole, string>> = {
  1: 'Customer',
  2: 'Agent',
  3: 'System',
};

/** IM CDR push (`action=imcdr`) `EndStatusString` values, with Tencent's meanings. */
export const ImEndStatus = {
  ok: 'Normal end',
  seatGiveUp: 'Agent did not answer',
  seatForward: 'Agent transferred the chat',
  ivrGiveUp: 'Customer left during the bot flow',
  ivrEnd: 'Bot flow ended the chat',
  autoFinished: 'Customer reply timed out',
  ringingGiveUp: 'Customer left while an agent was being assigned',
  noSeatOnline: 'No agent online',
  notWorkTime: 'Outside working hours',
  error: 'System error',
} as const;
/** Known IM end statuses. */
export type ImEndStatus = keyof typeof ImEndStatus;

/**
 * The IM CDR push's `EndStatusString` that a Desk `describe_im_cdr_list` `EndStatus` corresponds to, matched
 * by meaning: Tencent documents no mapping between the two, so this is our reading of both tables. It lets a
 * Desk session row be classified by the push's outcome rules (cdr-parser's `chatOutcomeOf`).
 */
export const DESK_TO_IM_END_STATUS: Readonly<Record<DeskEndStatus, ImEndStatus>> = {
  AgentEndedSession: 'ok',
  UserEndedSession: 'ok',
  UserTimeout: 'autoFinished',
  AgentTimeout: 'seatGiveUp',
  ChatbotReception: 'ivrEnd',
  NoAgentsOnline: 'noSeatOnline',
  TimeoutTransfer: 'seatGiveUp',
  ManualTransfer: 'seatForward',
  UserAbandonedDuringQueueing: 'ringingGiveUp',
};
