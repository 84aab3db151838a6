// The rules across variables, apart from env.ts: they run on whatever is valid, even when other variables
// are not, so that one start lists every problem of the environment.
import type { DeskRegion } from '@ccc-kit/desk-client';
import type { Variables } from './env-variables.ts';

/** CCC credentials, when the call lookups are configured. */
export interface CccSettings {
  secretId: string;
  secretKey: string;
  sdkAppId: number;
  endpoint?: string;
  rateLimit: { perSecond: number };
}

/** Desk credentials, when the chat lookups are configured. */
export interface DeskSettings {
  sdkAppId: number;
  adminUserId: string;
  secretKey: string;
  region?: DeskRegion;
  endpoint?: string;
}

/** Where the webhook's follow-up API is, when follow-up buttons are configured. */
export interface FollowUpSettings {
  readonly url: string;
  readonly token: string;
}

/** The follow-up settings when both are set; a problem when only one is. */
export function followUpConfig(vars: Checked, problems: string[]): FollowUpSettings | undefined {
  const url = isSet(vars, 'WEBHOOK_URL');
  if (url !== isSet(vars, 'INTERNAL_TOKEN'))
    problems.push(
      "WEBHOOK_URL and INTERNAL_TOKEN: set both (the webhook's address and its INTERNAL_TOKEN) to enable the follow-up buttons of missed calls, or neither",
    );
  const { WEBHOOK_URL, INTERNAL_TOKEN } = vars.values;
  return WEBHOOK_URL && INTERNAL_TOKEN ? { url: WEBHOOK_URL, token: INTERNAL_TOKEN } : undefined;
}

/** The variables as far as they were checked: the valid values, and the names of those set but invalid. */
export interface Checked {
  readonly values: Partial<Variables>;
  readonly invalid: ReadonlySet<string>;
}

/** Set by the operator, valid or not: a rule about presence counts an invalid value as set. */
export const isSet = (vars: Checked, key: keyof Variables): boolean =>
  vars.values[key] !== undefined || vars.invalid.has(key);

export const CCC_KEYS = ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'CCC_SDK_APP_ID'] as const;
export const DESK_KEYS = ['DESK_SDK_APP_ID', 'DESK_SECRET_KEY', 'DESK_REGION', 'DESK_ENDPOINT'] as const;

/** The CCC settings when all three credentials are set and valid; a problem when only some are set. */
export function cccConfig(vars: Checked, problems: string[]): CccSettings | undefined {
  const set = CCC_KEYS.filter((key) => isSet(vars, key)).length;
  if (set > 0 && set < CCC_KEYS.length)
    problems.push(
      'TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID: set all three to enable call lookups, or none',
    );
  const {
    TENCENTCLOUD_SECRET_ID: secretId,
    TENCENTCLOUD_SECRET_KEY: secretKey,
    CCC_SDK_APP_ID,
  } = vars.values;
  const { CCC_ENDPOINT: endpoint, CCC_RATE_PER_ACTION: perSecond } = vars.values;
  if (!secretId || !secretKey || CCC_SDK_APP_ID === undefined || perSecond === undefined) return undefined;
  return {
    secretId,
    secretKey,
    sdkAppId: CCC_SDK_APP_ID,
    ...(endpoint ? { endpoint } : {}),
    rateLimit: { perSecond },
  };
}

/** The Desk settings when all of them are set and valid; a problem when only some are set. */
export function deskConfig(vars: Checked, problems: string[]): DeskSettings | undefined {
  const where = isSet(vars, 'DESK_REGION') || isSet(vars, 'DESK_ENDPOINT');
  const parts = [isSet(vars, 'DESK_SDK_APP_ID'), isSet(vars, 'DESK_SECRET_KEY'), where];
  if (parts.some(Boolean) && !parts.every(Boolean))
    problems.push(
      'DESK_SDK_APP_ID, DESK_SECRET_KEY and DESK_REGION (or DESK_ENDPOINT): set them all to enable chat lookups, or none',
    );
  const {
    DESK_SDK_APP_ID: sdkAppId,
    DESK_SECRET_KEY: secretKey,
    DESK_ADMIN_USER_ID: adminUserId,
  } = vars.values;
  const { DESK_REGION: region, DESK_ENDPOINT: endpoint } = vars.values;
  if (sdkAppId === undefined || secretKey === undefined || adminUserId === undefined || !(region || endpoint))
    return undefined;
  return {
    sdkAppId,
    secretKey,
    adminUserId,
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}
