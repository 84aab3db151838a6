import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deliverAnswer } from '../faults.ts';
import { readBody, sendJson } from '../http.ts';
import { rejectMessage } from './api-context.ts';
import { asBlocks, asBool, asString } from './params.ts';
import type { JsonObject, SlackEphemeralRecord, SlackMessageRecord, SlackResponseRecord } from './types.ts';
import { applyFault, logRequest, type WebApiDeps } from './web-api.ts';

/** Slack allows 5 replies per response_url… */
export const RESPONSE_URL_MAX_USES = 5;
/** …within 30 minutes of the invocation. */
export const RESPONSE_URL_TTL_MS: number = 30 * 60 * 1000;

/** What a response URL replies to: where replies go and which message `replace_original` targets. */
export interface ResponseUrlTarget {
  /** Channel ID the command or action came from (in_channel replies are posted there). */
  readonly channel?: string;
  /** User who invoked it (sole reader of ephemeral replies). */
  readonly user?: string;
  /** ts of the message an interaction came from (target of replace_original / delete_original). */
  readonly messageTs?: string;
  /** URL flavour: `commands` (slash commands, default) or `actions` (interactions). */
  readonly kind?: 'commands' | 'actions';
}

interface ResponseUrlState {
  readonly target: ResponseUrlTarget;
  readonly createdAt: number;
  uses: number;
}

/** Response URLs handed out by one emulator, keyed by path. */
export type ResponseUrlRegistry = Map<string, ResponseUrlState>;

/** Creates a fresh response URL on the emulator (`<base>/commands/<team>/<n>/<secret>`). */
export function createResponseUrl(
  deps: WebApiDeps,
  registry: ResponseUrlRegistry,
  target: ResponseUrlTarget,
): string {
  const path = `/${target.kind ?? 'commands'}/${deps.identity.teamId}/${registry.size + 1}/${randomBytes(12).toString('hex')}`;
  registry.set(path, { target, createdAt: deps.now(), uses: 0 });
  return `${deps.baseUrl}${path}`;
}

function findOriginal(
  deps: WebApiDeps,
  target: ResponseUrlTarget,
): SlackMessageRecord | SlackEphemeralRecord | undefined {
  if (!target.messageTs) return undefined;
  const { messageTs, channel } = target;
  const inChannel = channel ? deps.store.findMessage(channel, messageTs) : undefined;
  return inChannel ?? deps.store.ephemerals.find((e) => e.ts === messageTs && !e.deleted);
}

/** How a reply is shown: its flags, from a response URL or from an app's immediate answer. */
type ReplyShape = Pick<
  SlackResponseRecord,
  'responseType' | 'replaceOriginal' | 'deleteOriginal' | 'text' | 'blocks'
>;

function apply(
  deps: WebApiDeps,
  target: ResponseUrlTarget,
  body: JsonObject,
  reply: ReplyShape,
  source: 'response_url' | 'ack',
): void {
  const original = findOriginal(deps, target);
  if (reply.deleteOriginal && original) original.deleted = true;
  if (reply.deleteOriginal) return;
  if (reply.replaceOriginal && original) {
    original.edits.push({ text: original.text, blocks: original.blocks, replacedAt: deps.store.nextTs() });
    original.text = reply.text ?? '';
    original.blocks = reply.blocks;
    return;
  }
  const channel = target.channel ? deps.store.channels.get(target.channel) : undefined;
  const threadTs = asString(body.thread_ts);
  if (reply.responseType === 'in_channel' && channel) {
    // Replies through response_url do not need the bot in the channel: that is why apps use respond().
    const parent = threadTs ? deps.store.findMessage(channel.id, threadTs) : undefined;
    deps.store.addMessage({
      channel: channel.id,
      text: reply.text ?? '',
      blocks: reply.blocks,
      source: 'response_url',
      user: deps.identity.botUserId,
      botId: deps.identity.botId,
      threadTs: parent?.ts,
    });
    return;
  }
  deps.store.ephemerals.push({
    channel: target.channel,
    user: target.user,
    ts: deps.store.nextTs(),
    text: reply.text ?? '',
    blocks: reply.blocks,
    threadTs,
    source,
    edits: [],
    deleted: false,
  });
}

/** The reply flags of a JSON body posted to a response URL (or answered at once by an app). */
const shapeOf = (body: JsonObject | undefined): ReplyShape => ({
  responseType: body?.response_type === 'in_channel' ? 'in_channel' : 'ephemeral',
  replaceOriginal: asBool(body?.replace_original) === true,
  deleteOriginal: asBool(body?.delete_original) === true,
  text: asString(body?.text),
  blocks: asBlocks(body?.blocks),
});

/**
 * Shows an app's immediate answer to the slash command of a response URL, as Slack does with an `ack` that
 * carries a message: ephemeral for the invoker, or in the channel with `response_type: 'in_channel'`. It
 * does not use up the URL. Returns Slack's refusal of an invalid message, or of an unknown URL.
 */
export function showImmediateAnswer(
  deps: WebApiDeps,
  registry: ResponseUrlRegistry,
  path: string,
  body: JsonObject,
): { readonly status: number; readonly error: string } | undefined {
  const state = registry.get(path);
  if (!state) return { status: 404, error: 'no_service' };
  const refused = refusal(state, deps.now()) ?? rejectionOf(body, deps);
  if (refused) return refused;
  apply(deps, state.target, body, shapeOf(body), 'ack');
  return undefined;
}

interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly extra?: JsonObject;
}

function refusal(state: ResponseUrlState | undefined, now: number): Refusal | undefined {
  if (!state) return { status: 404, error: 'no_service' };
  if (now - state.createdAt > RESPONSE_URL_TTL_MS) return { status: 404, error: 'expired_url' };
  if (state.uses >= RESPONSE_URL_MAX_USES) return { status: 404, error: 'used_url' };
  return undefined;
}

function parseJson(body: Buffer): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Handles a POST to a response URL. Accepted: 200 `{ ok: true }`. Unknown, expired (30 min) or used up
 * (5 accepted replies): 404 `{ ok: false, error: 'no_service' | 'expired_url' | 'used_url' }`. An invalid
 * message: 400 with the chat.postMessage error name; refused replies do not count as uses.
 */
export async function handleResponseUrl(
  req: IncomingMessage,
  res: ServerResponse,
  deps: WebApiDeps,
  registry: ResponseUrlRegistry,
  path: string,
): Promise<void> {
  const body = parseJson(await readBody(req));
  const record = logRequest(deps, 'response_url', body ?? {});
  const fault = deps.faults.take('response_url');
  if (await applyFault(fault, res, record)) return;
  const state = registry.get(path);
  const reply = { responseUrl: `${deps.baseUrl}${path}`, at: deps.now(), body, ...shapeOf(body) };
  const invalid = body ? undefined : { status: 400, error: 'invalid_payload' };
  const refused: Refusal | undefined =
    refusal(state, reply.at) ?? invalid ?? (reply.deleteOriginal ? undefined : rejectionOf(body ?? {}, deps));
  const answer = refused ? { ok: false, ...refused.extra, error: refused.error } : { ok: true };
  deps.store.responses.push({ ...reply, status: refused?.status ?? 200, error: refused?.error });
  if (!refused && state && body) {
    state.uses += 1;
    apply(deps, state.target, body, reply, 'response_url');
  }
  Object.assign(record, { ok: !refused, error: refused?.error });
  const status = refused?.status ?? 200;
  const delivery = await deliverAnswer(fault, res, () => sendJson(res, status, answer));
  record.status = delivery === 'sent' ? status : 0;
}

function rejectionOf({ text, blocks, attachments }: JsonObject, deps: WebApiDeps): Refusal | undefined {
  const rejected = rejectMessage({ text, blocks, attachments }, deps);
  if (!rejected) return undefined;
  const { ok: _ok, error, ...extra } = rejected.body;
  return { status: 400, error: String(error), extra };
}
