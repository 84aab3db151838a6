export type { CccEmulator, CccEmulatorOptions } from './ccc/emulator.ts';
export { CCC_API_VERSION, startCccEmulator } from './ccc/emulator.ts';
export type { CccCounters, CccRequestRecord } from './ccc/request-log.ts';
export type { CccCredential } from './ccc/tc3-verify.ts';
export { CALL_COVERAGE_MINIMUM } from './dataset/call-plan.ts';
export type { DatasetAgent, DatasetSkillGroup } from './dataset/catalog.ts';
export { DEFAULT_AGENTS, DEFAULT_SKILL_GROUPS } from './dataset/catalog.ts';
export { CHAT_COVERAGE_MINIMUM, DESK_TO_IM_END_STATUS } from './dataset/chat-plan.ts';
export { generateDataset } from './dataset/generate.ts';
export type { GenerateDatasetOptions } from './dataset/options.ts';
export type { DatasetPush, DatasetPushOptions } from './dataset/pushes.ts';
export { datasetToPushes } from './dataset/pushes.ts';
export type { CallFixture, ChatFixture, Dataset } from './dataset/types.ts';
export type { DeskEmulator, DeskEmulatorOptions, DeskRequestRecord } from './desk/emulator.ts';
export { startDeskEmulator } from './desk/emulator.ts';
export { isSandboxError, SandboxError, SandboxErrorCode } from './errors.ts';
export type { Fault, FaultRule, Faults } from './faults.ts';
export { applyTransportFault, createFaults } from './faults.ts';
export type { Handler, RunningServer } from './http.ts';
export { listen, readBody, sendJson, sleep } from './http.ts';
export type { AttemptFailureReason, AttemptOutcome, PusherAuth } from './pusher/attempt.ts';
export type { PushAction, PushItem } from './pusher/push-item.ts';
export type {
  PushAllOptions,
  PushAttempt,
  Pusher,
  PusherOptions,
  PusherStats,
  PushResult,
} from './pusher/pusher.ts';
export { createPusher } from './pusher/pusher.ts';
export type { Sandbox, SandboxOptions } from './sandbox.ts';
export { SANDBOX_CREDENTIALS, startSandbox } from './sandbox.ts';
export type {
  InteractionOptions,
  SignedRequestOptions,
  SignedRequestResult,
  SlashCommandOptions,
} from './slack/app-requests.ts';
export type { MessageErrorCode, MessageProblem } from './slack/block-kit.ts';
export { countBlocksText, validateBlocks } from './slack/block-kit.ts';
export { BLOCK_KIT_LIMITS } from './slack/block-rules.ts';
export type { SlackEmulator, SlackEmulatorOptions } from './slack/emulator-types.ts';
export type { MessageContent, MessageRejection } from './slack/message-rules.ts';
export { formatProblem, MAX_TEXT_LENGTH, rejectionFor, validateMessage } from './slack/message-rules.ts';
export { mrkdwnToHtml } from './slack/mrkdwn.ts';
export type { ResponseUrlTarget } from './slack/response-url.ts';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './slack/response-url.ts';
export { SLACK_EMULATOR_DEFAULTS, startSlackEmulator } from './slack/server.ts';
export type { SignatureTamper, SignSlackRequestInput, SlackSignatureHeaders } from './slack/signing.ts';
export { STALE_TIMESTAMP_SECONDS, signSlackRequest } from './slack/signing.ts';
export type {
  SlackChannel,
  SlackChannelInit,
  SlackEphemeralRecord,
  SlackIdentity,
  SlackMessageEdit,
  SlackMessageRecord,
  SlackMessageSource,
  SlackRequestRecord,
  SlackResponseRecord,
  SlackUploadRecord,
  SlackUsergroup,
  SlackUsergroupInit,
} from './slack/types.ts';
