import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dataset } from '../dataset/types.ts';
import { applyTransportFault, createFaults, deliverAnswer, type Fault, type Faults } from '../faults.ts';
import { listen, readBody, sendJson } from '../http.ts';
import { DESK_COMMANDS, type DeskData, indexChats } from './commands.ts';
import { deskFailure } from './error-codes.ts';
import { checkQuery, type DeskAuthConfig } from './query.ts';

/** Options of {@link startDeskEmulator}. */
export interface DeskEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Chats served by the commands. */
  readonly dataset: Dataset;
  /** The emulated application's SDKAppID; other `sdkappid` values get 60006. */
  readonly sdkAppId: number;
  /** The application's secret key, used to verify UserSigs. */
  readonly secretKey: string;
  /** App administrator accounts (default `['administrator']`, Tencent's default admin). */
  readonly admins?: readonly string[];
  /** Clock in Unix milliseconds, for UserSig expiry and the request log (default `Date.now`). */
  readonly now?: () => number;
}

/** One request as the emulator received it. The `usersig` credential is never recorded. */
export interface DeskRequestRecord {
  /** Unix milliseconds. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** The `<command>` of `/v4/desk_http_svc/<command>`, when the path has that shape. */
  readonly command: string | undefined;
  /** Query parameters except `usersig`. */
  readonly query: Readonly<Record<string, string>>;
  readonly hasUserSig: boolean;
  /** Parsed JSON body, or the raw text when it is not JSON (`''` for an empty body). */
  readonly body: unknown;
  /** HTTP status answered; 0 for an injected connection reset, or an answer an `accepted-lost` fault lost. */
  status: number;
  /** Desk `ErrorCode` answered with HTTP 200 (0 on success). */
  errorCode: number | undefined;
  /** Kind of the injected fault, if one was applied. */
  fault: Fault['kind'] | undefined;
}

/** A running Desk REST emulator. */
export interface DeskEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`; requests go to `${url}/v4/desk_http_svc/<command>`. */
  readonly url: string;
  /** Fault registry; routes are command names (`describe_chat_messages`) or `*`. */
  readonly faults: Faults;
  /** Every request received so far, oldest first. */
  requests(): readonly DeskRequestRecord[];
  stop(): Promise<void>;
}

interface Context {
  readonly auth: DeskAuthConfig;
  readonly data: DeskData;
  readonly faults: Faults;
  readonly log: DeskRequestRecord[];
}

/**
 * Starts a local emulator of the Tencent Desk REST API (`POST /v4/desk_http_svc/<command>`): query string
 * and UserSig checks, `describe_im_cdr_list`, `describe_chat_messages`, `get_session_state`, Tencent's
 * HTTP-200 error envelopes, fault injection and a request log.
 *
 * @example
 * const desk = await startDeskEmulator({ dataset, sdkAppId: 1400000000, secretKey: 'test-key' });
 * desk.faults.inject('describe_chat_messages', { kind: 'api-error', code: 141002 });
 * // ... point the client at desk.url ...
 * await desk.stop();
 */
export async function startDeskEmulator(options: DeskEmulatorOptions): Promise<DeskEmulator> {
  const now = options.now ?? Date.now;
  const ctx: Context = {
    auth: {
      sdkAppId: options.sdkAppId,
      secretKey: options.secretKey,
      admins: new Set(options.admins ?? ['administrator']),
      now,
    },
    data: indexChats(options.dataset),
    faults: createFaults(),
    log: [],
  };
  const server = await listen((req, res) => handle(req, res, ctx), options.port ?? 0);
  return {
    url: server.url,
    faults: ctx.faults,
    requests: () => [...ctx.log],
    stop: () => server.close(),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = /^\/v4\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const raw = (await readBody(req)).toString('utf8');
  const record = logRequest(ctx, req, url, match?.[2], raw);
  const fault = ctx.faults.take(record.command ?? url.pathname);
  record.fault = fault?.kind;
  if (await applyTransportFault(fault, res)) {
    record.status = fault?.kind === 'status' ? fault.status : 0;
    return;
  }
  const answer = route(req.method, match, url.searchParams, raw, fault, ctx);
  record.errorCode = typeof answer.ErrorCode === 'number' ? answer.ErrorCode : undefined;
  // An accepted-lost fault lets the command run, then loses the answer: logged with status 0.
  const delivery = await deliverAnswer(fault, res, () => sendJson(res, 200, answer));
  record.status = delivery === 'sent' ? 200 : 0;
}

function route(
  method: string | undefined,
  match: RegExpExecArray | null,
  query: URLSearchParams,
  raw: string,
  fault: Fault | undefined,
  ctx: Context,
): Record<string, unknown> {
  if (method !== 'POST') return deskFailure(60002, `method ${method ?? '?'} is not allowed, use POST`);
  if (!match) return deskFailure(60002, 'the path must be /v4/<servicename>/<command>');
  const command = match[2] === undefined ? undefined : DESK_COMMANDS[match[2]];
  if (match[1] !== 'desk_http_svc' || !command)
    return deskFailure(
      60009,
      `unknown command ${match[1]}/${match[2]} (the sandbox implements ${Object.keys(DESK_COMMANDS).join(', ')})`,
    );
  if (fault?.kind === 'api-error') {
    const code = Number(fault.code);
    return deskFailure(Number.isInteger(code) ? code : 141002, fault.message);
  }
  const refused = checkQuery(query, ctx.auth);
  if (refused) return refused;
  const body = parseBody(raw);
  if (!body)
    return deskFailure(
      60003,
      raw.trim() === '' ? 'the body is empty, send {} at least' : 'invalid JSON object',
    );
  return command(body, ctx.data);
}

function parseBody(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function logRequest(
  ctx: Context,
  req: IncomingMessage,
  url: URL,
  command: string | undefined,
  raw: string,
): DeskRequestRecord {
  const { usersig, ...query } = Object.fromEntries(url.searchParams);
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // keep the raw text: the log must show what was sent, even when it is not JSON
  }
  const record: DeskRequestRecord = {
    at: ctx.auth.now(),
    method: req.method ?? '',
    path: url.pathname,
    command,
    query,
    hasUserSig: usersig !== undefined,
    body,
    status: 0,
    errorCode: undefined,
    fault: undefined,
  };
  ctx.log.push(record);
  return record;
}
