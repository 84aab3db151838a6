import * as v from 'valibot';
import { REQUIRED_HINTS, type Variables, VariablesSchema } from './env-variables.ts';
import type { PushAuth } from './http/auth.ts';

/** CCC credentials for reconciliation with DescribeTelCdr: all three are set, or reconciliation is off. */
export interface ReconcileCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: number;
  readonly endpoint: string | undefined;
}

/** Variables whose meaning depends on others: they reach the app only through `pushAuth` and `reconcile`. */
type Combined =
  | 'PUSH_AUTH'
  | 'PUSH_BASIC_USER'
  | 'PUSH_BASIC_PASSWORD'
  | 'PUSH_TOKEN'
  | 'TENCENTCLOUD_SECRET_ID'
  | 'TENCENTCLOUD_SECRET_KEY'
  | 'CCC_SDK_APP_ID'
  | 'CCC_ENDPOINT';

/**
 * Validated configuration: the rules that tie variables together are in the type, so a caller never has to
 * assume that a variable is set because another one is.
 */
export type Env = Omit<Variables, Combined> & {
  /** How pushes are authenticated, inferred from the variables that are set, with its secrets. */
  readonly pushAuth: PushAuth;
  /** Set when reconciliation with DescribeTelCdr is configured. */
  readonly reconcile: ReconcileCredentials | null;
};

/** The push authentication the variables ask for, or null after adding to `problems` why it is incomplete. */
const pushAuthOf = (env: Variables, problems: string[]): PushAuth | null => {
  const { PUSH_BASIC_USER: user, PUSH_BASIC_PASSWORD: password, PUSH_TOKEN: token } = env;
  if (Boolean(user) !== Boolean(password))
    problems.push('PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither');
  const mode = env.PUSH_AUTH ?? (user && password ? 'basic' : token ? 'token' : undefined);
  if (mode === 'none') return { mode };
  if (mode === 'basic' && user && password) return { mode, user, password };
  if (mode === 'token' && token) return { mode, token };
  if (mode === 'basic') problems.push('PUSH_AUTH=basic needs PUSH_BASIC_USER and PUSH_BASIC_PASSWORD');
  else if (mode === 'token') problems.push('PUSH_AUTH=token needs PUSH_TOKEN');
  else
    problems.push(
      'PUSH_AUTH: set PUSH_BASIC_USER + PUSH_BASIC_PASSWORD, or PUSH_TOKEN (or PUSH_AUTH=none to accept unauthenticated pushes)',
    );
  return null;
};

/** The CCC credentials when all three are set; null otherwise (with a problem when only some are). */
const reconcileOf = (env: Variables, problems: string[]): ReconcileCredentials | null => {
  const {
    TENCENTCLOUD_SECRET_ID: secretId,
    TENCENTCLOUD_SECRET_KEY: secretKey,
    CCC_SDK_APP_ID: sdkAppId,
  } = env;
  if (secretId && secretKey && sdkAppId) return { secretId, secretKey, sdkAppId, endpoint: env.CCC_ENDPOINT };
  if (secretId || secretKey || sdkAppId)
    problems.push(
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
    );
  return null;
};

/** Checks the rules across variables, in the order the problems are listed, and builds the {@link Env}. */
const combine = (env: Variables): { ok: true; env: Env } | { ok: false; problems: string[] } => {
  const problems: string[] = [];
  const pushAuth = pushAuthOf(env, problems);
  if (!env.ROUTES_FILE && !env.SLACK_DEFAULT_CHANNEL)
    problems.push('ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted');
  const reconcile = reconcileOf(env, problems);
  if (env.RETENTION_DAYS > 0 && env.RETENTION_DAYS * 24 * 3_600_000 <= env.RECONCILE_WINDOW)
    problems.push(
      'RETENTION_DAYS: keep history longer than RECONCILE_WINDOW, or reconciliation would post deleted calls again (0 keeps everything)',
    );
  if (env.QUARANTINE_MAX_BODY_BYTES < env.PUSH_MAX_BODY_BYTES)
    problems.push(
      'QUARANTINE_MAX_BODY_BYTES: keep it at least PUSH_MAX_BODY_BYTES, or refused pushes are cut and cannot be replayed',
    );
  if (!pushAuth || problems.length) return { ok: false, problems };
  const {
    PUSH_AUTH: _auth,
    PUSH_BASIC_USER: _user,
    PUSH_BASIC_PASSWORD: _password,
    PUSH_TOKEN: _token,
    TENCENTCLOUD_SECRET_ID: _id,
    TENCENTCLOUD_SECRET_KEY: _key,
    CCC_SDK_APP_ID: _app,
    CCC_ENDPOINT: _endpoint,
    ...rest
  } = env;
  return { ok: true, env: { ...rest, pushAuth, reconcile } };
};

/**
 * The whole environment: each variable is checked first, and only when all of them are valid are the rules
 * across them checked (their problems are listed together, as full sentences).
 */
export const EnvSchema = v.pipe(
  VariablesSchema,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const combined = combine(dataset.value);
    if (combined.ok) return combined.env;
    for (const message of combined.problems) addIssue({ message });
    return NEVER;
  }),
);

/** Names of every variable {@link EnvSchema} reads. */
export const ENV_KEYS: readonly string[] = Object.keys(VariablesSchema.entries);

/** One line per problem: `VARIABLE: what to do`, never the value (several variables are secrets). */
const describeIssue = (issue: v.BaseIssue<unknown>): string => {
  // A rule across variables is already a whole sentence naming them.
  if (issue.type === 'raw_transform') return issue.message;
  const key = v.getDotPath(issue) ?? 'environment';
  const missing = issue.type === 'object' && issue.received === 'undefined';
  return `${key}: ${missing ? (REQUIRED_HINTS[key] ?? 'is required') : issue.message.replace(/ but received .*$/, '')}`;
};

/**
 * Validates the environment once, reporting every problem at once (variable name and what to do); never
 * echoes values, since several are secrets.
 *
 * @example
 * const loaded = loadEnv();
 * if (!loaded.ok) console.error(loaded.problems.join('\n'));
 */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const result = v.safeParse(EnvSchema, source);
  if (!result.success) return { ok: false, problems: result.issues.map(describeIssue) };
  return { ok: true, env: result.output };
}
