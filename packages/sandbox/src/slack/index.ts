export type { AcceptedLostFault, Fault, Faults } from '../faults.ts';
export type { InteractionOptions, SignedRequestResult, SlashCommandOptions } from './app-requests.ts';
export type { SlackEmulator, SlackEmulatorOptions } from './emulator-types.ts';
export {
  CLAMPED_HISTORY_LIMITS,
  type SlackHistoryLimits,
  TIER_3_HISTORY_LIMITS,
} from './history-limit.ts';
export type { EventDeliveryResult, HomeClickOptions, HomeOpenedOptions } from './home-events.ts';
export { validateMessage } from './message-rules.ts';
export { startSlackEmulator } from './server.ts';
export { signSlackRequest } from './signing.ts';
export type {
  SlackFileRecord,
  SlackHomeViewRecord,
  SlackMessageRecord,
  SlackRequestRecord,
  SlackResponseRecord,
  SlackViewRecord,
  SlackViewStateValues,
} from './types.ts';
export type { ViewSubmissionOptions } from './view-submission.ts';
