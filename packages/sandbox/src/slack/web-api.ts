import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyTransportFault, type Delivery, deliverAnswer, type Fault, type Faults } from '../faults.ts';
import { readBody, sendJson } from '../http.ts';
import { type ApiContext, type ApiMethod, type ApiResult, fail } from './api-context.ts';
import { chatMethods } from './chat.ts';
import { infoMethods } from './conversations.ts';
import { fileMethods } from './files.ts';
import { historyMethods } from './history.ts';
import { homeMethods } from './home-views.ts';
import { asString, bearerToken, parseParams } from './params.ts';
import { ALL_SCOPES, checkScope, scopesHeader } from './scopes.ts';
import type { TokenRegistry } from './tokens.ts';
import type { JsonObject, SlackRequestRecord } from './types.ts';
import { userMethods } from './users.ts';
import { viewMethods } from './views.ts';

/** Everything the Web API endpoint needs. */
export interface WebApiDeps extends ApiContext {
  readonly faults: Faults;
  readonly tokens: TokenRegistry;
}

const methods: Readonly<Record<string, ApiMethod>> = {
  ...chatMethods,
  ...fileMethods,
  ...infoMethods,
  ...historyMethods,
  ...homeMethods,
  ...userMethods,
  ...viewMethods,
};

/** Names of the Web API methods the emulator implements. */
export const SUPPORTED_METHODS: readonly string[] = Object.keys(methods);

/** Appends a request to the log; the caller fills the outcome in. Tokens are never logged. */
export function logRequest(deps: WebApiDeps, method: string, params: JsonObject): SlackRequestRecord {
  const { token: _token, ...loggable } = params;
  const record: SlackRequestRecord = {
    at: deps.now(),
    method,
    status: 0,
    ok: undefined,
    error: undefined,
    rateLimited: false,
    retryAfter: undefined,
    channel: asString(params.channel) ?? asString(params.channel_id),
    params: loggable,
    fault: undefined,
  };
  deps.store.requests.push(record);
  return record;
}

/** Applies a transport fault (latency, status, reset); true when it fully answered the request. */
export async function applyFault(
  fault: Fault | undefined,
  res: ServerResponse,
  record: SlackRequestRecord,
): Promise<boolean> {
  record.fault = fault?.kind;
  if (!(await applyTransportFault(fault, res))) return false;
  record.status = fault?.kind === 'status' ? fault.status : 0;
  if (fault?.kind === 'status' && fault.status === 429) {
    record.rateLimited = true;
    record.retryAfter = fault.retryAfterSeconds;
  }
  return true;
}

/** The accepted token of a request, or Slack's refusal. */
function checkAuth(req: IncomingMessage, params: JsonObject, tokens: TokenRegistry): string | ApiResult {
  const token = bearerToken(req, params);
  if (!token) return fail('not_authed');
  if (tokens.revoked.has(token)) return fail('token_revoked');
  if (!tokens.valid.has(token)) return fail('invalid_auth');
  return token;
}

async function answer(
  req: IncomingMessage,
  method: string,
  params: JsonObject,
  deps: WebApiDeps,
  fault: Fault | undefined,
): Promise<ApiResult> {
  if (fault?.kind === 'api-error')
    return fail(
      String(fault.code),
      fault.message ? { response_metadata: { messages: [fault.message] } } : {},
    );
  const handler = methods[method];
  if (!handler) return fail('unknown_method', { req_method: method });
  const token = checkAuth(req, params, deps.tokens);
  if (typeof token !== 'string') return token;
  const scopes = deps.tokens.scopes.get(token);
  const unscoped = checkScope(method, params, deps, scopes);
  if (unscoped) return unscoped;
  const ref = asString(params.channel) ?? asString(params.channel_id);
  const storm = deps.limiter.takeStorm(
    ref === undefined ? undefined : (deps.store.findChannel(ref)?.id ?? ref),
  );
  if (storm.limited) return { ...fail('ratelimited'), retryAfter: storm.retryAfter };
  return handler(params, { ...deps, scopes: scopes ?? ALL_SCOPES });
}

/**
 * Writes an API answer (HTTP 200, or 429 with `Retry-After` seconds when rate-limited) and logs it, unless
 * an `accepted-lost` fault loses it: then the log keeps the method's outcome with status 0.
 */
export async function sendResult(
  res: ServerResponse,
  record: SlackRequestRecord,
  result: ApiResult,
  fault?: Fault,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<Delivery> {
  const limited = result.retryAfter !== undefined;
  record.ok = result.body.ok === true;
  record.error = asString(result.body.error);
  record.rateLimited = limited;
  record.retryAfter = result.retryAfter;
  const status = limited ? 429 : 200;
  const headers = { ...extraHeaders, ...(limited ? { 'retry-after': String(result.retryAfter) } : {}) };
  const delivery = await deliverAnswer(fault, res, () => sendJson(res, status, result.body, headers));
  record.status = delivery === 'sent' ? status : 0;
  return delivery;
}

/** Handles `POST /api/<method>` (GET with a query string works too). */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebApiDeps,
  method: string,
): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const body = await readBody(req);
  let params: JsonObject | undefined;
  try {
    params = await parseParams(req, body, query);
  } catch {
    params = undefined;
  }
  const record = logRequest(deps, method, params ?? {});
  const fault = deps.faults.take(method);
  if (await applyFault(fault, res, record)) return;
  const result = params ? await answer(req, method, params, deps, fault) : fail('invalid_form_data');
  const token = params ? bearerToken(req, params) : undefined;
  const scopes = scopesHeader(token, deps.tokens.valid, deps.tokens.scopes);
  await sendResult(res, record, result, fault, scopes);
}
