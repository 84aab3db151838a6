export { createDeskClient } from './client.ts';
export { hintFor, RETRYABLE_DESK_CODES } from './error-codes.ts';
export type { DeskErrorInit } from './errors.ts';
export { DeskClientErrorCode, DeskError, isDeskError } from './errors.ts';
export type { DeskRegion } from './regions.ts';
export { DESK_REGION_DOMAINS } from './regions.ts';
export type {
  DeskClient,
  DeskClientOptions,
  DeskCredentials,
  DeskLogger,
  DeskPage,
  DeskRetryOptions,
  GetChatMessagesParams,
  ListSessionsParams,
  MessageOrder,
  Scheduler,
  SessionStateQuery,
} from './types.ts';
export type { GenUserSigOptions, VerifyUserSigOptions, VerifyUserSigResult } from './user-sig.ts';
export { genUserSig, UserSigFailure, verifyUserSig } from './user-sig.ts';
