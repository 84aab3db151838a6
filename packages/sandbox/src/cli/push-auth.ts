import * as v from 'valibot';
import type { PusherAuth } from '../pusher/attempt.ts';
import type { CliIo } from './options.ts';
import { UsageError } from './options.ts';
import { SANDBOX_PUSH_CREDENTIALS } from './settings.ts';

/** How pushes authenticate, as the webhook's `PUSH_AUTH` names it. */
export type AuthModeName = 'basic' | 'token' | 'none';

/** The `--auth` option (and `PUSH_AUTH`). */
export const AuthMode: v.GenericSchema<string | undefined, AuthModeName | undefined> = v.optional(
  v.picklist(['basic', 'token', 'none'], 'use basic, token or none'),
);

/** The auth options of `push` (flags win over the webhook's variables). */
export interface AuthFlags {
  readonly auth?: AuthModeName | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly token?: string | undefined;
}

/** The pusher's credentials, and how to say which were used without printing a secret. */
export interface ResolvedAuth {
  readonly auth: PusherAuth | undefined;
  readonly description: string;
}

function basic(flags: AuthFlags, env: CliIo['env']): ResolvedAuth {
  const user = flags.user ?? env.PUSH_BASIC_USER;
  const password = flags.password ?? env.PUSH_BASIC_PASSWORD;
  if (user === undefined && password === undefined)
    return {
      auth: { basic: { ...SANDBOX_PUSH_CREDENTIALS } },
      description: `Basic auth as "${SANDBOX_PUSH_CREDENTIALS.user}" (the sandbox's PUSH_BASIC_USER and PUSH_BASIC_PASSWORD)`,
    };
  if (!user || !password)
    throw new UsageError(
      'Basic auth needs a user and a password: pass --user and --password (or set PUSH_BASIC_USER and PUSH_BASIC_PASSWORD), or neither for the sandbox’s.',
    );
  const from = flags.password === undefined ? 'PUSH_BASIC_PASSWORD' : '--password';
  return {
    auth: { basic: { user, password } },
    description: `Basic auth as "${user}" (password from ${from})`,
  };
}

/**
 * Resolves `push`'s credentials like the webhook resolves its own: `--auth`/`PUSH_AUTH`, else Basic when a
 * user or password is set, else a token when one is set, else Basic with the sandbox's credentials (the
 * ones `serve` prints for the webhook). The description never includes a secret.
 */
export function resolveAuth(flags: AuthFlags, env: CliIo['env']): ResolvedAuth {
  const fromEnv = v.safeParse(AuthMode, env.PUSH_AUTH);
  if (!fromEnv.success) throw new UsageError(`PUSH_AUTH: ${fromEnv.issues[0]?.message}`);
  const token = flags.token ?? env.PUSH_TOKEN;
  const anyBasic = [flags.user, flags.password, env.PUSH_BASIC_USER, env.PUSH_BASIC_PASSWORD].some(Boolean);
  const mode = flags.auth ?? fromEnv.output ?? (anyBasic || !token ? 'basic' : 'token');
  if (mode === 'none') return { auth: undefined, description: 'no authentication' };
  if (mode === 'basic') return basic(flags, env);
  if (!token) throw new UsageError('Token auth needs a token: pass --token or set PUSH_TOKEN.');
  const from = flags.token === undefined ? 'PUSH_TOKEN' : '--token';
  return { auth: { token, in: 'query' }, description: `a token in the URL (?token=…, from ${from})` };
}
