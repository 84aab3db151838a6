export { DEFAULT_QUARANTINE_MAX_BODY_BYTES } from './common-options.ts';
export { isStoreError, StoreError, StoreErrorCode } from './errors.ts';
export type {
  FollowUpChange,
  FollowUpOutcome,
  FollowUpResult,
  FollowUpRow,
  FollowUpState,
  ResolvedFollowUp,
} from './follow-up-types.ts';
export type { GroupCommitOptions, GroupCommitter } from './group-commit.ts';
export { createGroupCommitter } from './group-commit.ts';
export type { DatabaseTarget, OpenStoreOptions } from './open-store.ts';
export { openStore, parseDatabaseUrl } from './open-store.ts';
export type { PostgresStoreOptions } from './postgres-store.ts';
export { createPostgresStore } from './postgres-store.ts';
export type { SqliteStoreOptions } from './sqlite-store.ts';
export { createSqliteStore } from './sqlite-store.ts';
export type {
  ClaimedMessage,
  ClaimOptions,
  Delivery,
  FollowUpFact,
  InboxKind,
  InboxRow,
  InboxSource,
  IngestItem,
  IngestOutcome,
  ListInboxOptions,
  MigrationResult,
  OutboxKind,
  OutboxRow,
  OutboxState,
  PruneOptions,
  PruneResult,
  QuarantineEviction,
  QuarantineInput,
  QuarantineReason,
  QuarantineReplayOutcome,
  QuarantineRow,
  Store,
  StoreCommonOptions,
  StoreDepth,
  StoreStats,
} from './types.ts';
