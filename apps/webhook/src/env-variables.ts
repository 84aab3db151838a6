// Apart from env.ts so that the rules across variables (env.ts) can name the type of what this checks.
import { isValidTimeZone } from '@ccc-kit/cdr-parser';
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
/** What to say when a required variable is missing, beyond "is required". */
export const REQUIRED_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'is required (the bot token, xoxb-…, from the Slack app made from the manifest)',
};
const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty()));

/**
 * Every environment variable the webhook reads, each checked on its own, with defaults. Documented in the
 * app README (tested). The rules across variables are in `env.ts`.
 */
export const VariablesSchema = v.object({
  PORT: int('8080', 0, 65_535),
  HOST: v.optional(v.string(), '0.0.0.0'),
  PUSH_PATH: v.pipe(v.optional(v.string(), '/push'), v.startsWith('/', 'must start with /')),
  PUSH_AUTH: v.optional(v.picklist(['basic', 'token', 'none'], 'use basic, token or none')),
  PUSH_BASIC_USER: optionalText,
  PUSH_BASIC_PASSWORD: optionalText,
  PUSH_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'use at least 16 characters'))),
  PUSH_MAX_BODY_BYTES: int('1048576', 1024, 64 * 1024 * 1024),
  HTTP_KEEP_ALIVE_TIMEOUT: v.pipe(
    duration('65s'),
    v.minValue(1_000, 'use at least 1s'),
    v.maxValue(3_600_000, 'use at most 1h'),
  ),
  DATABASE_URL: v.optional(v.string(), 'sqlite:./data/webhook.db'),
  PG_QUERY_TIMEOUT: v.pipe(duration('5s'), v.minValue(100, 'use at least 100ms')),
  COMMIT_QUEUE_MAX: int('10000', 1, 10_000_000),
  COMMIT_STALL_TIMEOUT: v.pipe(duration('10s'), v.minValue(100, 'use at least 100ms')),
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
  RECONCILE_SETTLE: duration('5m'),
  // A voicemail whose call is not stored yet waits this long for it, then is posted alone: longer than
  // RECONCILE_SETTLE + RECONCILE_INTERVAL, so a call whose push was lost can still be found in time.
  VOICEMAIL_WAIT: duration('15m'),
  // Tencent allows 20 requests/s per action for the whole account; the bot's default 12 and this 4 leave room.
  CCC_RATE_PER_ACTION: int('4', 1, 20),
  QUARANTINE_MAX_ROWS: int('10000', 10, 10_000_000),
  // 8 MiB (the store's default): a refused body up to this size is kept whole, so it can be replayed.
  QUARANTINE_MAX_BODY_BYTES: int('8388608', 1024, 64 * 1024 * 1024),
  RETENTION_DAYS: int('30', 0, 3650),
  METRICS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(16, 'use at least 16 characters'))),
  FOLLOW_UP_WINDOW: v.pipe(
    duration('24h'),
    v.minValue(60_000, 'use at least 1m'),
    v.maxValue(30 * 86_400_000, 'use at most 720h'),
  ),
  INTERNAL_TOKEN: v.optional(
    v.pipe(
      v.string(),
      v.minLength(32, 'use at least 32 characters (e.g. openssl rand -hex 32), the same on the bot'),
    ),
  ),
  // The daily digest: off without a channel.
  DIGEST_CHANNEL: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^(#[\p{Ll}\p{N}_-][\p{Ll}\p{N}._-]{0,79}|[CG][A-Z0-9]{6,})$/u,
        'use a channel id like C0123ABCD',
      ),
    ),
  ),
  DIGEST_AT: v.optional(
    v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM on a 24-hour clock, e.g. 09:00')),
    '09:00',
  ),
  DIGEST_TIME_ZONE: v.optional(
    v.pipe(v.string(), v.check(isValidTimeZone, 'use an IANA time zone such as Asia/Shanghai')),
  ),
  RELAY_OWNER: optionalText,
  RELAY_LEASE: duration('10m'),
  SHUTDOWN_TIMEOUT: duration('10s'),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

/** The variables, each valid on its own. */
export type Variables = v.InferOutput<typeof VariablesSchema>;
