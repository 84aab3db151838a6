// Apart from env.ts so that the rules across variables (env-rules.ts) can name the type of what this checks.

import { isValidTimeZone } from '@ccc-kit/cdr-parser';
import { DESK_REGION_DOMAINS, type DeskRegion } from '@ccc-kit/desk-client';
import * as v from 'valibot';

// The regions desk-client can reach, in its order: a region added there is accepted here with no edit.
const isDeskRegion = (name: string): name is DeskRegion => Object.hasOwn(DESK_REGION_DOMAINS, name);
const DESK_REGIONS: readonly DeskRegion[] = Object.keys(DESK_REGION_DOMAINS).filter(isDeskRegion);

const optionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty()));
/** What to say when a required variable is missing, beyond "is required". */
export const REQUIRED_HINTS: Readonly<Record<string, string>> = {
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
  WEBHOOK_URL: url,
  INTERNAL_TOKEN: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(32, "use at least 32 characters, the same as the webhook's")),
  ),
  CCC_AGENT_MAP: v.pipe(
    v.optional(v.string(), ''),
    v.transform((s) => s.split(/[\s,]+/).filter(Boolean)),
    v.check(
      (pairs) => pairs.every((pair) => /^[UW][A-Z0-9]{2,}=[^\s=@]+@[^\s=@]+$/.test(pair)),
      'list U…=agent@example.com pairs separated by commas (a Slack user ID, =, their CCC agent email)',
    ),
    v.transform((pairs) => new Map(pairs.map((pair) => pair.split('=') as [string, string]))),
  ),
  FOLLOW_UP_ALLOWED_USERS: idList(
    /^[UWS][A-Z0-9]{2,}$/,
    'list Slack user IDs (U…) or user group IDs (S…) separated by commas, not names',
  ),
  HOME_ALLOWED_USERS: idList(
    /^[UWS][A-Z0-9]{2,}$/,
    'list Slack user IDs (U…) or user group IDs (S…) separated by commas, not names',
  ),
  // Days of `/ccc stats` (today, yesterday, 7d) run midnight to midnight here; times show in it as fallback text.
  DISPLAY_TIMEZONE: v.optional(
    v.pipe(v.string(), v.check(isValidTimeZone, 'use an IANA time zone such as Asia/Shanghai')),
    'UTC',
  ),
  LOG_LEVEL: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

/** The variables, each valid on its own. */
export type Variables = v.InferOutput<typeof EnvSchema>;
