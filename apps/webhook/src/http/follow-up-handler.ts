import type { IncomingMessage, ServerResponse } from 'node:http';
import { FOLLOW_UP_PATH, FollowUpChangeRequest } from '@ccc-kit/schemas';
import type { Logger } from 'pino';
import * as v from 'valibot';
import type { FollowUpChange, FollowUpResult, Store } from '../store/index.ts';
import { readBody } from './body.ts';
import { bearerAllowed, json } from './json-reply.ts';
import type { WebhookMetrics } from './metrics.ts';

/** A change is a few hundred bytes; nothing bigger is read. */
const MAX_BODY_BYTES = 4096;

const whole = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,16}$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min),
    v.maxValue(max),
  );
const ListQuery = v.object({
  since: whole(0, 8_640_000_000_000),
  group: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(100))),
  limit: v.optional(whole(1, 50), '10'),
  offset: v.optional(whole(0, 100_000), '0'),
});

/** What the follow-up API needs. */
export interface FollowUpApiDeps {
  /** The shared secret of the bot and the webhook (`INTERNAL_TOKEN`). */
  readonly token: string;
  readonly apply: (change: FollowUpChange) => Promise<FollowUpResult>;
  /** Missed calls waiting for a callback (`GET`), as the store lists them. */
  readonly list: Store['listWaitingFollowUps'];
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  readonly now: () => number;
}

/** HTTP status of a result: applied 200, no such call 404, refused by the current state 409. */
const statusOf = (result: FollowUpResult): number =>
  result.ok ? 200 : result.reason === 'no_call' ? 404 : 409;

/** Reads and checks the body; the answer to send when it is not a change. */
async function readChange(
  req: IncomingMessage,
  now: number,
): Promise<FollowUpChange | { status: number; error: string }> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return { status: 415, error: 'send Content-Type: application/json' };
  const body = await readBody(req, MAX_BODY_BYTES, 5_000);
  if (body.tooLarge) return { status: 413, error: `the body is over ${MAX_BODY_BYTES} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    return { status: 400, error: 'the body is not JSON' };
  }
  const result = v.safeParse(FollowUpChangeRequest, parsed);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') || 'body';
    return { status: 400, error: `${path}: ${issue?.message ?? 'invalid'}` };
  }
  const { note, ...rest } = result.output as typeof result.output & { note?: string | null };
  return rest.action === 'resolve' ? { ...rest, note: note || null, at: now } : { ...rest, at: now };
}

/**
 * `POST /internal/follow-ups`: the bot's forwarded click (take, resolve, reopen), authenticated with
 * `Authorization: Bearer <INTERNAL_TOKEN>` (compared in constant time). Answers the store's result as JSON:
 * 200 applied, 409 refused by the state (with the state, so the bot can say who has it), 404 no such call.
 */
export function createFollowUpHandler(deps: FollowUpApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' && req.method !== 'GET')
      return json(res, 405, { error: `use GET (list) or POST (change) on ${FOLLOW_UP_PATH}` });
    if (!bearerAllowed(req, deps.token)) {
      deps.metrics.followUps.inc({ action: 'unknown', result: 'unauthorized' });
      return json(res, 401, { error: 'send Authorization: Bearer <INTERNAL_TOKEN>' });
    }
    if (req.method === 'GET') return listWaiting(req, res, deps);
    const change = await readChange(req, deps.now());
    if ('error' in change) return json(res, change.status, { error: change.error });
    const result = await deps.apply(change);
    const label = result.ok ? (result.changed ? 'applied' : 'unchanged') : result.reason;
    deps.metrics.followUps.inc({ action: change.action, result: label });
    deps.logger.info(
      { sessionId: change.sessionId, action: change.action, user: change.userId, result: label },
      'follow-up',
    );
    json(res, statusOf(result), result);
  };
}

/** `GET ?since=<epoch ms>[&group=…][&limit=10][&offset=0]`: the missed calls waiting, longest waiting first. */
async function listWaiting(req: IncomingMessage, res: ServerResponse, deps: FollowUpApiDeps): Promise<void> {
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://webhook.invalid').searchParams);
  const query = v.safeParse(ListQuery, params);
  if (!query.success) {
    const issue = query.issues[0];
    return json(res, 400, { error: `${issue?.path?.[0]?.key ?? 'query'}: ${issue?.message ?? 'invalid'}` });
  }
  json(res, 200, await deps.list(query.output));
}
