export type {
  ActionValue,
  CallActionValue,
  DecodeActionValueResult,
  MoreActionValue,
} from './action-value.ts';
export {
  ACTION_CALL_DETAILS,
  ACTION_CALL_RECORDING,
  ACTION_CALLS_MORE,
  ACTION_FOLLOW_UP_CALL,
  ACTION_FOLLOW_UP_REOPEN,
  ACTION_FOLLOW_UP_RESOLVE,
  ACTION_FOLLOW_UP_TAKE,
  ACTION_HOME_REFRESH,
  ACTION_MISSED_MORE,
  ACTION_SESSIONS_MORE,
  ACTION_SHARE,
  ACTION_VOICEMAIL,
  decodeActionValue,
  encodeActionValue,
} from './action-value.ts';
export type { CallDetailsOptions } from './call-details.ts';
export { callDetailsMessage } from './call-details.ts';
export type { CallPostStyle } from './call-fields.ts';
export type { CallListPage } from './call-list.ts';
export { callListMessage, MAX_CALL_ROWS } from './call-list.ts';
export type { CallSummaryOptions, CallThread } from './call-summary.ts';
export { callSummaryMessage } from './call-summary.ts';
export type { ChatSummaryOptions } from './chat-summary.ts';
export { chatSummaryMessage } from './chat-summary.ts';
export type { ChatTotals } from './chat-totals.ts';
export { chatTotalsLine } from './chat-totals.ts';
export { formatDateTime, isValidTimeZone, slackDate } from './dates.ts';
export type { DigestFigures, DigestInput } from './digest.ts';
export { digestMessage } from './digest.ts';
export type { ErrorMessageOptions, UserFacingError } from './error-message.ts';
export { errorMessage } from './error-message.ts';
export { isSlackBlocksError, SlackBlocksError, SlackBlocksErrorCode } from './errors.ts';
export { escapeMrkdwn, mrkdwnLink } from './escape.ts';
export type {
  FollowUpOutcome,
  FollowUpReach,
  FollowUpResolveSubmission,
  FollowUpView,
} from './follow-up.ts';
export {
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_RESOLVE_MODAL,
  followUpResolveModal,
  MAX_FOLLOW_UP_NOTE,
  needsFollowUp,
  OPEN_FOLLOW_UP,
  readFollowUpResolveSubmission,
} from './follow-up.ts';
export type { WaitingFollowUp, WaitingPage } from './follow-up-list.ts';
export { waitingFollowUpsMessage } from './follow-up-list.ts';
export type {
  HomeAgentCounts,
  HomeAgents,
  HomeInput,
  HomePart,
  HomeQueue,
  HomeQueueRow,
  HomeToday,
  HomeYourCalls,
} from './home-types.ts';
export type { HomeView } from './home-view.ts';
export { HOME_MAX_BLOCKS, homeNotice, homeView } from './home-view.ts';
export type { SlackLimits } from './limits.ts';
export { countBlocksText, fitToLimits, LIMITS } from './limits.ts';
export { messageToText } from './message-to-text.ts';
export type { SessionListItem, SessionPage } from './session-list.ts';
export { sessionListMessage } from './session-list.ts';
export { sessionStateMessage } from './session-state.ts';
export type { StatsGroupLine, StatsSummaryInput } from './stats-summary.ts';
export { statsSummaryMessage } from './stats-summary.ts';
export { isTencentStorageUrl } from './storage-links.ts';
export type { ThreadReplyOptions } from './thread-replies.ts';
export { recordingReadyMessage, voicemailMessage } from './thread-replies.ts';
export { transcriptText } from './transcript.ts';
export { transcriptPreview } from './transcript-preview.ts';
export type { FitLinesOptions } from './truncate.ts';
export { clipText, fitLines } from './truncate.ts';
export type { DraftMessage, RenderOptions, SlackMessage } from './types.ts';
