import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readBody, sendJson } from '../http.ts';
import { handleHome } from './home-invocations.ts';
import { bearerToken } from './params.ts';
import { createResponseUrl, type ResponseUrlRegistry, showImmediateAnswer } from './response-url.ts';
import type { SlackChannel } from './types.ts';
import type { WebApiDeps } from './web-api.ts';

/**
 * The sandbox-only endpoints (not Slack's): a tool outside the emulator's process, such as `pnpm sandbox
 * slash`, asks here for the response URL and trigger_id of a command or click it is about to send to an
 * app, so that the app's answers land in the emulator (and its web view) like Slack's would.
 */
export const INVOCATIONS_PATH = '/sandbox/invocations';

/** What the endpoints need of the emulator. */
export interface InvocationDeps {
  readonly api: WebApiDeps;
  readonly responseUrls: ResponseUrlRegistry;
  readonly defaultUser: { readonly id: string; readonly name: string };
}

const CreateInvocation = v.strictObject({
  kind: v.picklist(['command', 'action'], 'kind is "command" (a slash command) or "action" (a button click)'),
  channel: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(100))),
  user: v.optional(v.pipe(v.string(), v.regex(/^[UW][A-Z0-9]{2,}$/, 'user is a user id like U0SANDBOXUSER'))),
  message_ts: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,12}\.\d{1,6}$/, 'message_ts is a ts like 1700000000.000100')),
  ),
});

const ImmediateAnswer = v.strictObject({
  response_url: v.pipe(v.string(), v.url('response_url is the URL that POST /sandbox/invocations gave')),
  answer: v.record(v.string(), v.unknown(), 'answer is the JSON object the app answered with'),
});

// The server binds 127.0.0.1 only; checked again so the endpoints stay local whatever serves the router.
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const refuse = (res: ServerResponse, status: number, error: string, message: string): void =>
  sendJson(res, status, { ok: false, error, message });

/** The request's JSON body checked against `schema`, or undefined after answering 400. */
async function bodyOf<S extends v.GenericSchema>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
): Promise<v.InferOutput<S> | undefined> {
  let json: unknown;
  try {
    json = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
  } catch {
    refuse(res, 400, 'invalid_json', 'send a JSON object with content-type application/json');
    return undefined;
  }
  const parsed = v.safeParse(schema, json);
  if (parsed.success) return parsed.output;
  const problems = parsed.issues.map((i) => `${v.getDotPath(i) ?? 'body'}: ${i.message}`);
  refuse(res, 400, 'invalid_arguments', problems.join('; '));
  return undefined;
}

function create(res: ServerResponse, deps: InvocationDeps, input: v.InferOutput<typeof CreateInvocation>) {
  const { store, identity } = deps.api;
  const channel: SlackChannel | undefined = input.channel
    ? store.findChannel(input.channel)
    : store.channels.values().next().value;
  if (!channel) {
    const known = [...store.channels.values()].map((c) => `#${c.name}`).join(', ');
    const hint = `the sandbox has ${known}; add channels with pnpm sandbox serve --channels`;
    return refuse(res, 404, 'channel_not_found', `no channel ${input.channel}: ${hint}`);
  }
  const ts = input.message_ts;
  if (ts && !store.findMessage(channel.id, ts))
    return refuse(res, 404, 'message_not_found', `#${channel.name} has no message ${ts}`);
  const user = input.user ?? deps.defaultUser.id;
  const kind = input.kind === 'command' ? 'commands' : 'actions';
  const target = { kind, channel: channel.id, user, ...(ts ? { messageTs: ts } : {}) } as const;
  sendJson(res, 200, {
    ok: true,
    response_url: createResponseUrl(deps.api, deps.responseUrls, target),
    // Issued like the emulator's own requests' triggers, so the app can open a modal with it (views.open).
    trigger_id: store.issueTrigger(user),
    team: { id: identity.teamId, domain: identity.teamDomain },
    api_app_id: identity.appId,
    channel: { id: channel.id, name: channel.name },
    user: { id: user, name: user === deps.defaultUser.id ? deps.defaultUser.name : user },
  });
}

function replies(res: ServerResponse, deps: InvocationDeps, url: string | null): void {
  const known = url !== null && URL.canParse(url) && deps.responseUrls.has(new URL(url).pathname);
  if (!url || !known) {
    refuse(res, 404, 'no_service', 'no such response_url in this emulator');
    return;
  }
  const list = deps.api.store.responses.filter((r) => r.responseUrl === url);
  sendJson(res, 200, {
    ok: true,
    replies: list.map((r) => ({
      status: r.status,
      error: r.error ?? null,
      response_type: r.responseType,
      replace_original: r.replaceOriginal,
      delete_original: r.deleteOriginal,
      text: r.text ?? null,
      blocks: r.blocks ?? null,
    })),
  });
}

function authError(req: IncomingMessage, deps: InvocationDeps): string | undefined {
  const token = bearerToken(req, {});
  if (!token) return 'not_authed';
  if (deps.api.tokens.revoked.has(token)) return 'token_revoked';
  return deps.api.tokens.valid.has(token) ? undefined : 'invalid_auth';
}

/**
 * Handles `POST /sandbox/invocations` (a new response URL and trigger_id), `POST /sandbox/invocations/ack`
 * (show an app's immediate answer, as Slack shows an `ack` with a message) and `GET
 * /sandbox/invocations/replies?response_url=…` (what the app posted to it), and the Home tab's
 * `…/home?user=` (home-invocations.ts). Loopback only, with the bot token as `Authorization: Bearer …`.
 */
export async function handleInvocations(
  req: IncomingMessage,
  res: ServerResponse,
  deps: InvocationDeps,
  url: URL,
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
    return refuse(res, 403, 'loopback_only', 'the sandbox endpoints answer 127.0.0.1 only');
  const denied = authError(req, deps);
  if (denied) return refuse(res, 401, denied, 'send Authorization: Bearer <a bot token of the emulator>');
  const route = `${req.method} ${url.pathname}`;
  if (route === `POST ${INVOCATIONS_PATH}`) {
    const input = await bodyOf(req, res, CreateInvocation);
    return input && create(res, deps, input);
  }
  if (route === `POST ${INVOCATIONS_PATH}/ack`) {
    const input = await bodyOf(req, res, ImmediateAnswer);
    if (!input) return;
    const path = new URL(input.response_url).pathname;
    const refused = showImmediateAnswer(deps.api, deps.responseUrls, path, input.answer);
    if (!refused) return sendJson(res, 200, { ok: true });
    const why =
      refused.status === 404 ? 'the response_url is unknown, expired or used up' : 'not a valid message';
    return refuse(res, refused.status, refused.error, `Slack would not show this answer: ${why}`);
  }
  if (url.pathname === `${INVOCATIONS_PATH}/home`) return handleHome(req, res, deps.api, url);
  if (route === `GET ${INVOCATIONS_PATH}/replies`)
    return replies(res, deps, url.searchParams.get('response_url'));
  refuse(res, 404, 'unknown_endpoint', `see POST ${INVOCATIONS_PATH} in the sandbox README`);
}
