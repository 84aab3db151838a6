import { DESK_REGION_DOMAINS, type DeskRegion } from '@ccc-kit/desk-client';
import * as v from 'valibot';

// The regions desk-client can reach, in its order: a region added there is accepted here with no edit.
const isDeskRegion = (name: string): name is DeskRegion => Object.hasOwn(DESK_REGION_DOMAINS, name);
const DESK_REGIONS: readonly DeskRegion[] = Object.keys(DESK_REGION_DOMAINS).filter(isDeskRegion);

const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty()));
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: 'is required (the xoxb-… bot token of the app made from manifest.yaml)',
  SLACK_SIGNING_SECRET: 'is required (Basic Information → Signing Secret of the Slack app)',
};
const required = (key: keyof typeof REQUIRED_HINTS) =>
  v.pipe(v.string(), v.trim(), v.nonEmpty(REQUIRED_HINTS[key]));
const numericId = v.optional(
  v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, 'use the numeric SDKAppID'), v.transform(Number)),
);
const url = v.optional(v.pipe(v.string(), v.trim(), v.url('must be a URL like https://host/')));

/** A comma (or space) separated list of Slack IDs matching `pattern`; empty means "nobody listed". */
const idList = (pattern: RegExp, message: string) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
    v.check((ids) => ids.every((id) => pattern.test(id)), message),
  );

/** Every environment variable the bot reads, with defaults. Documented in the app README (tested). */
export const EnvSchema = v.object({
  SLACK_BOT_TOKEN: required('SLACK_BOT_TOKEN'),
  SLACK_SIGNING_SECRET: required('SLACK_SIGNING_SECRET'),
  SLACK_API_URL: v.optional(v.pipe(v.string(), v.url('must be a URL')), 'https://slack.com/api/'),
  PORT: v.pipe(
    v.optional(v.string(), '3000'),
    v.regex(/^\d+$/, 'use a whole number'),
    v.transform(Number),
    v.minValue(1, 'use a port from 1 to 65535'),
    v.maxValue(65_535, 'use a port from 1 to 65535'),
  ),
  TENCENTCLOUD_SECRET_ID: optionalText,
  TENCENTCLOUD_SECRET_KEY: optionalText,
  CCC_SDK_APP_ID: numericId,
  CCC_ENDPOINT: url,
  // Tencent allows 20 requests/s per action for the whole account; the webhook's default 4 leaves room.
  CCC_RATE_PER_ACTION: v.pipe(
    v.optional(v.string(), '12'),
    v.regex(/^\d+$/, 'use a whole number of requests per second from 1 to 20'),
    v.transform(Number),
    v.minValue(1, 'use a whole number of requests per second from 1 to 20'),
    v.maxValue(20, 'use a whole number of requests per second from 1 to 20 (Tencent allows 20 per action)'),
  ),
  DESK_SDK_APP_ID: numericId,
  DESK_ADMIN_USER_ID: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty()), 'administrator'),
  DESK_SECRET_KEY: optionalText,
  DESK_REGION: v.optional(v.picklist(DESK_REGIONS, `use one of ${DESK_REGIONS.join(', ')}`)),
  DESK_ENDPOINT: url,
  RECORDING_ALLOWED_USERS: idList(
    /^[UWS][A-Z0-9]{2,}$/,
    'list Slack user IDs (U…) or user group IDs (S…) separated by commas, not names',
  ),
  ALLOWED_CHANNELS: idList(
    /^[CGD][A-Z0-9]{2,}$/,
    'list channel IDs (C…, G…, D…) separated by commas, not names',
  ),
  ALLOWED_USERS: idList(/^[UW][A-Z0-9]{2,}$/, 'list Slack user IDs (U…) separated by commas, not names'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

/** Validated configuration, plus which backends are usable. */
export type Env = v.InferOutput<typeof EnvSchema> & {
  /** CCC credentials, when the call lookups are configured. */
  readonly ccc:
    | {
        secretId: string;
        secretKey: string;
        sdkAppId: number;
        endpoint?: string;
        rateLimit: { perSecond: number };
      }
    | undefined;
  /** Desk credentials, when the chat lookups are configured. */
  readonly desk:
    | {
        sdkAppId: number;
        adminUserId: string;
        secretKey: string;
        region?: DeskRegion;
        endpoint?: string;
      }
    | undefined;
};

/** Names of every variable {@link EnvSchema} reads. */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.entries);

type Parsed = v.InferOutput<typeof EnvSchema>;

function cccConfig(env: Parsed, problems: string[]): Env['ccc'] {
  const { TENCENTCLOUD_SECRET_ID: secretId, TENCENTCLOUD_SECRET_KEY: secretKey, CCC_SDK_APP_ID } = env;
  const set = [secretId, secretKey, CCC_SDK_APP_ID].filter((x) => x !== undefined).length;
  if (set === 0) return undefined;
  if (!secretId || !secretKey || CCC_SDK_APP_ID === undefined) {
    problems.push(
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable call lookups, or none',
    );
    return undefined;
  }
  return {
    secretId,
    secretKey,
    sdkAppId: CCC_SDK_APP_ID,
    ...(env.CCC_ENDPOINT ? { endpoint: env.CCC_ENDPOINT } : {}),
    rateLimit: { perSecond: env.CCC_RATE_PER_ACTION },
  };
}

function deskConfig(env: Parsed, problems: string[]): Env['desk'] {
  const { DESK_SDK_APP_ID: sdkAppId, DESK_SECRET_KEY: secretKey } = env;
  const where = env.DESK_REGION ?? env.DESK_ENDPOINT;
  if (sdkAppId === undefined && secretKey === undefined && where === undefined) return undefined;
  if (sdkAppId === undefined || secretKey === undefined || where === undefined) {
    problems.push(
      'DESK_SDK_APP_ID, DESK_SECRET_KEY and DESK_REGION (or DESK_ENDPOINT): set them all to enable chat lookups, or none',
    );
    return undefined;
  }
  return {
    sdkAppId,
    secretKey,
    adminUserId: env.DESK_ADMIN_USER_ID,
    ...(env.DESK_REGION ? { region: env.DESK_REGION } : {}),
    ...(env.DESK_ENDPOINT ? { endpoint: env.DESK_ENDPOINT } : {}),
  };
}

/**
 * Validates the environment once and reports every problem at once (variable name and what to do). Values
 * are never echoed, since several are secrets.
 *
 * @example
 * const result = loadEnv();
 * if (!result.ok) { console.error(formatEnvProblems(result.problems)); process.exit(1); }
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const result = v.safeParse(EnvSchema, source);
  if (!result.success) {
    return {
      ok: false,
      problems: result.issues.map((issue) => {
        const key = v.getDotPath(issue) ?? 'environment';
        const missing = issue.type === 'object' && issue.received === 'undefined';
        return `${key}: ${missing ? (REQUIRED_HINTS[key] ?? 'is required') : issue.message.replace(/ but received .*$/, '')}`;
      }),
    };
  }
  const problems: string[] = [];
  const ccc = cccConfig(result.output, problems);
  const desk = deskConfig(result.output, problems);
  if (problems.length === 0 && !ccc && !desk)
    problems.push(
      'CCC (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, CCC_SDK_APP_ID) or Desk (DESK_SDK_APP_ID, DESK_SECRET_KEY, DESK_REGION): configure at least one, otherwise every command answers "not configured"',
    );
  if (problems.length) return { ok: false, problems };
  return { ok: true, env: { ...result.output, ccc, desk } };
}

/** The startup error printed when the environment is invalid: every problem, one per line. */
export function formatEnvProblems(problems: readonly string[]): string {
  return `The Slack bot cannot start; fix these environment variables (see apps/slack-bot/README.md):\n${problems
    .map((p) => `  - ${p}`)
    .join('\n')}`;
}
