import { isAbsolute } from 'node:path';
import * as v from 'valibot';
import {
  type CheckedVariables,
  destinationProblems,
  limitProblems,
  pushAuthOf,
  type ReconcileCredentials,
  reconcileOf,
} from './env-rules.ts';
import { REQUIRED_HINTS, type Variables, VariablesSchema } from './env-variables.ts';
import type { PushAuth } from './http/auth.ts';

export type { ReconcileCredentials } from './env-rules.ts';

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

/** Names of every variable {@link loadEnv} reads. */
export const ENV_KEYS: readonly string[] = Object.keys(VariablesSchema.entries);

/** One line per problem: `VARIABLE: what to do`, never the value (several variables are secrets). */
const describeIssue = (issue: v.BaseIssue<unknown>): string => {
  const key = v.getDotPath(issue) ?? 'environment';
  const missing = issue.type === 'object' && issue.received === 'undefined';
  return `${key}: ${missing ? (REQUIRED_HINTS[key] ?? 'is required') : issue.message.replace(/ but received .*$/, '')}`;
};

/** What {@link loadEnv} found: the configuration, or every problem (with the variables that were valid). */
export type LoadedEnv =
  | { ok: true; env: Env }
  | {
      ok: false;
      problems: string[];
      /** The variables valid on their own, so that checks needing only them (the routes file) still run. */
      valid: Partial<Variables>;
    };

/** Each variable checked on its own: the valid values, the invalid names and one problem per invalid one. */
function checkEach(
  source: Record<string, string | undefined>,
): CheckedVariables & { problems: string[]; all?: Variables } {
  const whole = v.safeParse(VariablesSchema, source);
  if (whole.success) return { values: whole.output, invalid: new Set(), problems: [], all: whole.output };
  const invalid = new Set(whole.issues.map((issue) => String(issue.path?.[0]?.key ?? '')));
  const entries = Object.entries(VariablesSchema.entries).filter(([key]) => !invalid.has(key));
  const values = Object.fromEntries(entries.map(([key, schema]) => [key, v.parse(schema, source[key])]));
  return { values: values as Partial<Variables>, invalid, problems: whole.issues.map(describeIssue) };
}

/** The rules across variables, in the order their problems are listed, on whatever was valid. */
function combine(vars: CheckedVariables, problems: string[]): Pick<Env, 'pushAuth' | 'reconcile'> | null {
  const pushAuth = pushAuthOf(vars, problems);
  problems.push(...destinationProblems(vars));
  const reconcile = reconcileOf(vars, problems);
  problems.push(...limitProblems(vars));
  return pushAuth && problems.length === 0 ? { pushAuth, reconcile } : null;
}

/** The variables without those that reach the app only through `pushAuth` and `reconcile`. */
const withoutCombined = (env: Variables): Omit<Variables, Combined> => {
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
  return rest;
};

/**
 * Validates the environment once, reporting every problem at once: each variable on its own, and the rules
 * across variables on those that are valid (so nothing waits for the next start to be reported). Each
 * problem names the variable and what to do; values are never echoed, since several are secrets.
 *
 * @example
 * const loaded = loadEnv();
 * if (!loaded.ok) console.error(loaded.problems.join('\n'));
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): LoadedEnv {
  const checked = checkEach(source);
  const problems = [...checked.problems];
  const combined = combine(checked, problems);
  if (!combined || !checked.all) return { ok: false, problems, valid: checked.values };
  return { ok: true, env: { ...withoutCombined(checked.all), ...combined } };
}

/**
 * The directory the operator started the command from, against which relative paths (`ROUTES_FILE`,
 * `DATABASE_URL=sqlite:./…`, the CLI's file arguments) resolve: pnpm runs a package's script in the
 * package's directory and says where it was started in `INIT_CWD`; without it, the current directory.
 */
export function startDirectory(
  source: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  const init = source.INIT_CWD;
  return init && isAbsolute(init) ? init : cwd;
}
