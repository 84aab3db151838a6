import * as v from 'valibot';

const DURATION = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

const duration = (fallback: string) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(DURATION, 'use a duration like 500ms, 30s, 10m or 1h'),
    v.transform((s) => {
      const [, n, unit] = DURATION.exec(s) as RegExpExecArray;
      return Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
    }),
  );
const int = (fallback: string, min: number, max: number) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(/^\d+$/, 'use a whole number'),
    v.transform(Number),
    v.minValue(min),
    v.maxValue(max),
  );
const REQUIRED_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
};
const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty()));

/** Every environment variable the webhook reads, with defaults. Documented in the app README (tested). */
export const EnvSchema = v.object({
  PORT: int('8080', 0, 65_535),
  HOST: v.optional(v.string(), '0.0.0.0'),
  PUSH_PATH: v.pipe(v.optional(v.string(), '/push'), v.startsWith('/', 'must start with /')),
  PUSH_AUTH: v.optional(v.picklist(['basic', 'token', 'none'], 'use basic, token or none')),
  PUSH_BASIC_USER: optionalText,
  PUSH_BASIC_PASSWORD: optionalText,
  PUSH_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'use at least 16 characters'))),
  PUSH_MAX_BODY_BYTES: int('1048576', 1024, 64 * 1024 * 1024),
  DATABASE_URL: v.optional(v.string(), 'sqlite:./data/webhook.db'),
  ROUTES_FILE: optionalText,
  SLACK_DEFAULT_CHANNEL: optionalText,
  SLACK_BOT_TOKEN: v.pipe(v.string(), v.nonEmpty(REQUIRED_HINTS.SLACK_BOT_TOKEN)),
  SLACK_API_URL: v.pipe(v.optional(v.string(), 'https://slack.com/api/'), v.url('must be a URL')),
  SLACK_RATE_PER_CHANNEL: v.pipe(
    v.optional(v.string(), '1'),
    v.transform(Number),
    v.number('use a number'),
    v.minValue(0.01),
  ),
  SLACK_MAX_ATTEMPTS: int('8', 1, 100),
  SLACK_TIMEOUT: duration('10s'),
  DISPLAY_TIMEZONE: v.optional(v.string(), 'UTC'),
  TENCENTCLOUD_SECRET_ID: optionalText,
  TENCENTCLOUD_SECRET_KEY: optionalText,
  CCC_SDK_APP_ID: v.optional(
    v.pipe(v.string(), v.regex(/^\d+$/, 'use the numeric SdkAppId'), v.transform(Number)),
  ),
  CCC_ENDPOINT: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  RECONCILE_INTERVAL: duration('10m'),
  RECONCILE_WINDOW: duration('2h'),
  QUARANTINE_MAX_ROWS: int('10000', 10, 10_000_000),
  RETENTION_DAYS: int('30', 0, 3650),
  METRICS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'use at least 16 characters'))),
  RELAY_OWNER: optionalText,
  RELAY_LEASE: duration('10m'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

/** Validated configuration. */
export type Env = v.InferOutput<typeof EnvSchema> & {
  /** How pushes are authenticated, after inference from the variables that are set. */
  readonly pushAuth: 'basic' | 'token' | 'none';
  /** Whether reconciliation with DescribeTelCdr is configured. */
  readonly reconcile: boolean;
};

/** Names of every variable {@link EnvSchema} reads. */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.entries);

const crossChecks = (
  env: v.InferOutput<typeof EnvSchema>,
): { problems: string[]; pushAuth: Env['pushAuth'] } => {
  const problems: string[] = [];
  const hasBasic = Boolean(env.PUSH_BASIC_USER && env.PUSH_BASIC_PASSWORD);
  if (Boolean(env.PUSH_BASIC_USER) !== Boolean(env.PUSH_BASIC_PASSWORD))
    problems.push('PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither');
  const pushAuth = env.PUSH_AUTH ?? (hasBasic ? 'basic' : env.PUSH_TOKEN ? 'token' : undefined);
  if (!pushAuth)
    problems.push(
      'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
    );
  if (pushAuth === 'basic' && !hasBasic)
    problems.push('PUSH_AUTH=basic needs PUSH_BASIC_USER and PUSH_BASIC_PASSWORD');
  if (pushAuth === 'token' && !env.PUSH_TOKEN) problems.push('PUSH_AUTH=token needs PUSH_TOKEN');
  if (!env.ROUTES_FILE && !env.SLACK_DEFAULT_CHANNEL)
    problems.push('ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted');
  const ccc = [env.TENCENTCLOUD_SECRET_ID, env.TENCENTCLOUD_SECRET_KEY, env.CCC_SDK_APP_ID].filter(
    Boolean,
  ).length;
  if (ccc > 0 && ccc < 3)
    problems.push(
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
    );
  if (env.RETENTION_DAYS > 0 && env.RETENTION_DAYS * 24 * 3_600_000 <= env.RECONCILE_WINDOW)
    problems.push(
      'RETENTION_DAYS: keep history longer than RECONCILE_WINDOW, or reconciliation would post deleted calls again (0 keeps everything)',
    );
  return { problems, pushAuth: pushAuth ?? 'none' };
};

/**
 * Validates the environment once, reporting every problem at once (variable name and what to do); never
 * echoes values, since several are secrets.
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const result = v.safeParse(EnvSchema, source);
  if (!result.success) {
    return {
      ok: false,
      problems: result.issues.map((i) => {
        const key = v.getDotPath(i) ?? 'environment';
        const missing = i.type === 'object' && i.received === 'undefined';
        return `${key}: ${missing ? (REQUIRED_HINTS[key] ?? 'is required') : i.message.replace(/ but received .*$/, '')}`;
      }),
    };
  }
  const { problems, pushAuth } = crossChecks(result.output);
  if (problems.length) return { ok: false, problems };
  return { ok: true, env: { ...result.output, pushAuth, reconcile: Boolean(result.output.CCC_SDK_APP_ID) } };
}
