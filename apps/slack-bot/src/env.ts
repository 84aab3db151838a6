import * as v from 'valibot';
import {
  CCC_KEYS,
  type CccSettings,
  type Checked,
  cccConfig,
  DESK_KEYS,
  type DeskSettings,
  deskConfig,
  type FollowUpSettings,
  followUpConfig,
  isSet,
} from './env-rules.ts';
import { EnvSchema, REQUIRED_HINTS, type Variables } from './env-variables.ts';

export { EnvSchema } from './env-variables.ts';

/** Validated configuration, plus which backends are usable. */
export type Env = Variables & {
  /** CCC credentials, when the call lookups are configured. */
  readonly ccc: CccSettings | undefined;
  /** Desk credentials, when the chat lookups are configured. */
  readonly desk: DeskSettings | undefined;
  /** The webhook's follow-up API, when the follow-up buttons are configured. */
  readonly followUps: FollowUpSettings | undefined;
};

/** Names of every variable {@link EnvSchema} reads. */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.entries);

/** One line per problem: `VARIABLE: what to do`, never the value. */
const describeIssue = (issue: v.BaseIssue<unknown>): string => {
  const key = v.getDotPath(issue) ?? 'environment';
  const missing = issue.type === 'object' && issue.received === 'undefined';
  return `${key}: ${missing ? (REQUIRED_HINTS[key] ?? 'is required') : issue.message.replace(/ but received .*$/, '')}`;
};

/** Each variable checked on its own: the valid values, the invalid names and one problem per invalid one. */
function checkEach(
  source: Record<string, string | undefined>,
): Checked & { problems: string[]; all?: Variables } {
  const whole = v.safeParse(EnvSchema, source);
  if (whole.success) return { values: whole.output, invalid: new Set(), problems: [], all: whole.output };
  const invalid = new Set(whole.issues.map((issue) => String(issue.path?.[0]?.key ?? '')));
  const entries = Object.entries(EnvSchema.entries).filter(([key]) => !invalid.has(key));
  const values = Object.fromEntries(entries.map(([key, schema]) => [key, v.parse(schema, source[key])]));
  return { values: values as Partial<Variables>, invalid, problems: whole.issues.map(describeIssue) };
}

/**
 * Validates the environment once and reports every problem at once: each variable on its own, and the
 * rules across variables on whatever is valid, so that one start lists everything to fix. Each problem
 * names the variable and what to do; values are never echoed, since several are secrets.
 *
 * @example
 * const result = loadEnv();
 * if (!result.ok) { console.error(formatEnvProblems(result.problems)); process.exit(1); }
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const checked = checkEach(source);
  const problems = [...checked.problems];
  const ccc = cccConfig(checked, problems);
  const desk = deskConfig(checked, problems);
  const followUps = followUpConfig(checked, problems);
  if (![...CCC_KEYS, ...DESK_KEYS].some((key) => isSet(checked, key)))
    problems.push(
      'CCC (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, CCC_SDK_APP_ID) or Desk (DESK_SDK_APP_ID, DESK_SECRET_KEY, DESK_REGION): configure at least one, otherwise every command answers "not configured"',
    );
  if (problems.length || !checked.all) return { ok: false, problems };
  return { ok: true, env: { ...checked.all, ccc, desk, followUps } };
}

/** The startup error printed when the environment is invalid: every problem, one per line. */
export function formatEnvProblems(problems: readonly string[]): string {
  return `The Slack bot cannot start; fix these environment variables (see apps/slack-bot/README.md):\n${problems
    .map((p) => `  - ${p}`)
    .join('\n')}`;
}
