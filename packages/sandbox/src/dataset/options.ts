import { SandboxError, SandboxErrorCode } from '../errors.ts';
import {
  type DatasetAgent,
  type DatasetSkillGroup,
  DEFAULT_AGENTS,
  DEFAULT_SKILL_GROUPS,
} from './catalog.ts';

/** Options of `generateDataset`. */
export interface GenerateDatasetOptions {
  /** Any safe integer; the same seed (and options) always gives the same dataset. */
  readonly seed: number;
  /** Finished calls to generate (default 40). From 20 on, every call class is guaranteed. */
  readonly calls?: number;
  /** Finished chat sessions (default 12). From 9 on, every Desk end status is guaranteed. */
  readonly chats?: number;
  /** Chat sessions still in progress at `end`, on top of `chats` (default 4: one per live state). */
  readonly liveChats?: number;
  /**
   * Inbound calls in progress at `liveAt` (default 0), started in the 10 minutes before it: in the IVR,
   * queued, ringing or talking then. Only the live metrics know them (DescribeCallInMetrics,
   * DescribeStaffStatusMetrics): Tencent has no record of a call before it ends, so no CDR and no push.
   */
  readonly liveCalls?: number;
  /** The moment `liveCalls` are in progress at: a `Date` or Unix seconds (default `end`). */
  readonly liveAt?: Date | number;
  /** Start of the range: a `Date` or Unix seconds. */
  readonly start: Date | number;
  /** End of the range (exclusive; default: one day after `start`). Calls and chats start inside it. */
  readonly end?: Date | number;
  /** Application id in every payload (default 1400000000). */
  readonly sdkAppId?: number;
  /** At least two agents (transfers and internal calls need a second one); default: six. */
  readonly agents?: readonly DatasetAgent[];
  /** Skill groups (default Sales, Support, Billing). */
  readonly skillGroups?: readonly DatasetSkillGroup[];
  /** Desk customer-service account of the chats (default `@customer_service_account`). */
  readonly customerServiceId?: string;
  /**
   * Also generate the sessions whose SessionIds Tencent's documentation prints (default false): three calls
   * and one chat, on top of `calls` and `chats`, so the push samples and the bot's help examples name
   * sessions the emulators know. See `DOCUMENTED_CALLS` and `DOCUMENTED_CHATS`.
   */
  readonly documentedSessions?: boolean;
}

/** {@link GenerateDatasetOptions} with defaults applied and times in Unix seconds. */
export interface ResolvedOptions {
  readonly seed: number;
  readonly calls: number;
  readonly chats: number;
  readonly liveChats: number;
  readonly liveCalls: number;
  readonly liveAt: number;
  readonly start: number;
  readonly end: number;
  readonly sdkAppId: number;
  readonly agents: readonly DatasetAgent[];
  readonly skillGroups: readonly DatasetSkillGroup[];
  readonly customerServiceId: string;
  readonly documentedSessions: boolean;
}

const invalid = (message: string): SandboxError => new SandboxError(SandboxErrorCode.InvalidOptions, message);

const toSeconds = (value: Date | number, name: string): number => {
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : Math.floor(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw invalid(`${name} must be a valid Date or Unix seconds`);
  return seconds;
};

const count = (value: number | undefined, fallback: number, name: string): number => {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 0 || n > 100_000)
    throw invalid(`${name} must be an integer from 0 to 100000, got ${n}`);
  return n;
};

function checkStaff(agents: readonly DatasetAgent[], groups: readonly DatasetSkillGroup[]): void {
  if (groups.length === 0) throw invalid('skillGroups must not be empty');
  if (
    new Set(groups.map((g) => g.id)).size !== groups.length ||
    new Set(groups.map((g) => g.name)).size !== groups.length
  )
    throw invalid('skill group ids and names must be unique');
  if (agents.length < 2) throw invalid('at least two agents are needed (transfers and internal calls)');
  if (new Set(agents.map((a) => a.mail)).size !== agents.length) throw invalid('agent mails must be unique');
  const names = new Set(groups.map((g) => g.name));
  for (const agent of agents) {
    if (agent.skillGroups.length === 0) throw invalid(`agent ${agent.mail} belongs to no skill group`);
    const unknown = agent.skillGroups.find((name) => !names.has(name));
    if (unknown !== undefined) throw invalid(`agent ${agent.mail} names unknown skill group "${unknown}"`);
  }
}

/** Applies defaults and validates, throwing `sandbox_invalid_options` with what is wrong. */
export function resolveOptions(options: GenerateDatasetOptions): ResolvedOptions {
  if (!Number.isSafeInteger(options.seed)) throw invalid(`seed must be a safe integer, got ${options.seed}`);
  const start = toSeconds(options.start, 'start');
  const end = options.end === undefined ? start + 86_400 : toSeconds(options.end, 'end');
  if (end <= start) throw invalid('end must be after start');
  const sdkAppId = options.sdkAppId ?? 1_400_000_000;
  if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) throw invalid('sdkAppId must be a positive integer');
  const agents = options.agents ?? DEFAULT_AGENTS;
  const skillGroups = options.skillGroups ?? DEFAULT_SKILL_GROUPS;
  checkStaff(agents, skillGroups);
  return {
    seed: options.seed,
    calls: count(options.calls, 40, 'calls'),
    chats: count(options.chats, 12, 'chats'),
    liveChats: count(options.liveChats, 4, 'liveChats'),
    liveCalls: count(options.liveCalls, 0, 'liveCalls'),
    liveAt: options.liveAt === undefined ? end : toSeconds(options.liveAt, 'liveAt'),
    start,
    end,
    sdkAppId,
    agents,
    skillGroups,
    customerServiceId: options.customerServiceId ?? '@customer_service_account',
    documentedSessions: options.documentedSessions ?? false,
  };
}
