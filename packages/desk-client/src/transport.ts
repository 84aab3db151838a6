import { DeskEnvelope, describeIssues, SchemaError, safeParseWith } from '@ccc-kit/schemas';
import { backoff, sleep } from '@ccc-kit/timers';
import ky, { type KyInstance } from 'ky';
import type * as v from 'valibot';
import { hintFor, RETRYABLE_DESK_CODES } from './error-codes.ts';
import { DeskClientErrorCode, DeskError } from './errors.ts';
import type { DeskLogger, DeskRetryOptions, Scheduler } from './types.ts';
import type { UserSigSource } from './user-sig-source.ts';

/** Everything one request needs. */
export interface TransportOptions {
  readonly baseUrl: string;
  readonly sdkAppId: number;
  readonly adminUserId: string;
  readonly userSig: UserSigSource;
  readonly timeoutMs: number;
  readonly retry: Required<DeskRetryOptions>;
  readonly fetch: typeof globalThis.fetch | undefined;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Times the backoff waits. */
  readonly scheduler: Scheduler;
  readonly logger: DeskLogger | undefined;
}

/** Sends one Desk command (with retries) and returns the validated answer. */
export type Transport = <S extends v.GenericSchema>(
  command: string,
  body: Record<string, unknown>,
  schema: S,
) => Promise<v.InferOutput<S>>;

/**
 * Creates the request loop. ky sends each attempt; the loop is ours because every attempt needs a fresh
 * `random` and possibly a renewed UserSig in the URL, and whether to retry depends on the body's `ErrorCode`.
 */
export function createTransport(o: TransportOptions): Transport {
  const api = ky.create({
    prefixUrl: o.baseUrl,
    retry: 0,
    timeout: false, // our AbortSignal also bounds reading the body
    throwHttpErrors: false,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  return async (command, body, schema) => {
    let retries = 0;
    let renewed = false;
    for (;;) {
      try {
        return await attempt(api, o, command, body, schema);
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        if (error.code === 70001 && !renewed && o.userSig.renew()) {
          renewed = true;
          o.logger?.warn('desk UserSig expired; renewed it, retrying', { command });
          continue;
        }
        if (!error.retryable || retries >= o.retry.limit) throw error;
        retries += 1;
        const delayMs = backoff(o.retry, retries, o.random);
        o.logger?.warn('desk request failed; retrying', {
          command,
          code: error.code,
          retry: retries,
          delayMs,
        });
        await sleep(delayMs, o.scheduler);
      }
    }
  };
}

async function attempt<S extends v.GenericSchema>(
  api: KyInstance,
  o: TransportOptions,
  command: string,
  body: Record<string, unknown>,
  schema: S,
): Promise<v.InferOutput<S>> {
  const userSig = o.userSig.current();
  const searchParams = {
    sdkappid: String(o.sdkAppId),
    identifier: o.adminUserId,
    usersig: userSig,
    random: String(Math.floor(o.random() * 2 ** 32) >>> 0),
    contenttype: 'json',
  };
  const where = `${o.baseUrl}/v4/desk_http_svc/${command}`;
  o.logger?.debug('desk request', { command, url: where });
  let status: number;
  let text: string;
  try {
    const response = await api.post(`v4/desk_http_svc/${command}`, {
      searchParams,
      json: body,
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw transportError(error, command, where, o.timeoutMs, userSig);
  }
  return readAnswer(command, status, text, schema);
}

function transportError(error: unknown, command: string, where: string, timeoutMs: number, userSig: string) {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError')
    return new DeskError({
      code: DeskClientErrorCode.Timeout,
      info: `no complete answer within ${timeoutMs} ms from ${where}`,
      command,
      retryable: true,
    });
  // The URL carries the UserSig: chain the cause only when its text does not contain it.
  const message = error instanceof Error ? error.message : String(error);
  const safe = error instanceof Error && !message.includes(userSig) && !String(error.stack).includes(userSig);
  return new DeskError(
    {
      code: DeskClientErrorCode.Network,
      info: `request to ${where} failed: ${safe ? message : 'network error'}`,
      command,
      retryable: true,
    },
    safe ? { cause: error } : {},
  );
}

function readAnswer<S extends v.GenericSchema>(
  command: string,
  status: number,
  text: string,
  schema: S,
): v.InferOutput<S> {
  const invalid = (info: string, cause?: unknown) =>
    new DeskError({ code: DeskClientErrorCode.InvalidResponse, info, command, status }, { cause });
  if (status !== 200)
    throw new DeskError({
      code: DeskClientErrorCode.Http,
      info: `HTTP ${status} instead of 200`,
      command,
      status,
      retryable: status >= 500 || status === 429,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(`the answer is not JSON (${text.length} bytes)`, error);
  }
  const envelope = safeParseWith(DeskEnvelope, json);
  if (!envelope.ok) throw invalid(`not a Desk envelope: ${describeIssues(envelope.issues)}`);
  const { ActionStatus, ErrorCode, ErrorInfo } = envelope.value;
  if (ActionStatus !== 'OK' || ErrorCode !== 0) {
    if (ErrorCode === 0) throw invalid(`ActionStatus ${JSON.stringify(ActionStatus)} with ErrorCode 0`);
    throw new DeskError({
      code: ErrorCode,
      info: ErrorInfo || 'no ErrorInfo',
      command,
      status,
      retryable: RETRYABLE_DESK_CODES.has(ErrorCode),
      hint: hintFor(ErrorCode),
    });
  }
  const parsed = safeParseWith(schema, json);
  if (!parsed.ok)
    throw invalid(describeIssues(parsed.issues), new SchemaError(`${command} response`, parsed.issues));
  return parsed.value;
}
