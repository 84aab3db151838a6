// The rules across variables, apart from env.ts (which reads and checks each variable) so that both stay
// short. They run on whatever is valid, even when other variables are not, so that an operator sees every
// problem of the environment in one start instead of one more on each try.
import type { Variables } from './env-variables.ts';
import type { PushAuth } from './http/auth.ts';

/** CCC credentials for reconciliation with DescribeTelCdr: all three are set, or reconciliation is off. */
export interface ReconcileCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly sdkAppId: number;
  readonly endpoint: string | undefined;
}

/**
 * The variables as far as they were checked: the valid ones with their values (defaults applied), and the
 * names of those that were set but invalid (each already has a problem of its own).
 */
export interface CheckedVariables {
  readonly values: Partial<Variables>;
  readonly invalid: ReadonlySet<string>;
}

/** Set by the operator, valid or not: a rule about presence must count an invalid value as set. */
const isSet = (vars: CheckedVariables, key: keyof Variables): boolean =>
  vars.values[key] !== undefined || vars.invalid.has(key);

const AUTH_KEYS = ['PUSH_AUTH', 'PUSH_BASIC_USER', 'PUSH_BASIC_PASSWORD', 'PUSH_TOKEN'] as const;

/** The push authentication the variables ask for, or null after adding to `problems` why it is incomplete. */
export function pushAuthOf(vars: CheckedVariables, problems: string[]): PushAuth | null {
  if (isSet(vars, 'PUSH_BASIC_USER') !== isSet(vars, 'PUSH_BASIC_PASSWORD'))
    problems.push('PUSH_BASIC_USER and PUSH_BASIC_PASSWORD: set both, or neither');
  // An invalid auth variable has its own problem; guessing the mode without it would only add noise.
  if (AUTH_KEYS.some((key) => vars.invalid.has(key))) return null;
  const { PUSH_BASIC_USER: user, PUSH_BASIC_PASSWORD: password, PUSH_TOKEN: token } = vars.values;
  const mode = vars.values.PUSH_AUTH ?? (user && password ? 'basic' : token ? 'token' : undefined);
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
}

const CCC_KEYS = ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'CCC_SDK_APP_ID'] as const;

/** The CCC credentials when all three are set and valid; null otherwise (with a problem when only some are). */
export function reconcileOf(vars: CheckedVariables, problems: string[]): ReconcileCredentials | null {
  const set = CCC_KEYS.filter((key) => isSet(vars, key)).length;
  if (set > 0 && set < CCC_KEYS.length)
    problems.push(
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable reconciliation, or none',
    );
  const {
    TENCENTCLOUD_SECRET_ID: secretId,
    TENCENTCLOUD_SECRET_KEY: secretKey,
    CCC_SDK_APP_ID: sdkAppId,
  } = vars.values;
  if (secretId && secretKey && sdkAppId)
    return { secretId, secretKey, sdkAppId, endpoint: vars.values.CCC_ENDPOINT };
  return null;
}

/** A problem when neither a routes file nor a default channel is set (valid or not). */
export function destinationProblems(vars: CheckedVariables): string[] {
  return isSet(vars, 'ROUTES_FILE') || isSet(vars, 'SLACK_DEFAULT_CHANNEL')
    ? []
    : ['ROUTES_FILE or SLACK_DEFAULT_CHANNEL: set at least one, otherwise nothing is ever posted'];
}

/** The rules between two valid values (skipped while either is invalid: its own problem says why). */
export function limitProblems({ values: env }: CheckedVariables): string[] {
  const problems: string[] = [];
  const { RETENTION_DAYS: days, RECONCILE_WINDOW: window } = env;
  if (days !== undefined && window !== undefined && days > 0 && days * 24 * 3_600_000 <= window)
    problems.push(
      'RETENTION_DAYS: keep history longer than RECONCILE_WINDOW, or reconciliation would post deleted calls again (0 keeps everything)',
    );
  const { QUARANTINE_MAX_BODY_BYTES: kept, PUSH_MAX_BODY_BYTES: accepted } = env;
  if (kept !== undefined && accepted !== undefined && kept < accepted)
    problems.push(
      'QUARANTINE_MAX_BODY_BYTES: keep it at least PUSH_MAX_BODY_BYTES, or refused pushes are cut and cannot be replayed',
    );
  return problems;
}
