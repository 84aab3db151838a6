import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidTimeZone } from '@ccc-kit/cdr-parser';
import { STATS_PATH } from '@ccc-kit/schemas';
import { aggregateCalls, aggregateChats, type CallStats, type ChatStats } from '@ccc-kit/stats';
import * as v from 'valibot';
import { storedCalls, storedChats } from '../digest/figures.ts';
import type { Store } from '../store/index.ts';
import { bearerAllowed, json } from './json-reply.ts';

/** The longest range one request may ask for. */
const MAX_RANGE_MS = 90 * 86_400_000;

const epochMs = v.pipe(v.string(), v.regex(/^\d{1,16}$/, 'must be epoch milliseconds'), v.transform(Number));
const StatsQuery = v.pipe(
  v.object({
    from: epochMs,
    to: epochMs,
    group: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(100))),
    timeZone: v.optional(v.pipe(v.string(), v.check(isValidTimeZone, 'must be an IANA time zone')), 'UTC'),
    serviceLevel: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,4}$/, 'must be whole seconds'),
        v.transform(Number),
        v.maxValue(7200),
      ),
    ),
  }),
  v.check((q) => q.to > q.from, 'to: must be after from'),
  v.check((q) => q.to - q.from <= MAX_RANGE_MS, 'to: the range is at most 90 days'),
);

/** What the stats API needs. */
export interface StatsApiDeps {
  readonly token: string;
  readonly store: Pick<Store, 'digests'>;
}

/** The stats of the stored calls and chats of a range (and skill group), as `GET /internal/stats` answers them. */
export async function statsOfRange(
  store: Pick<Store, 'digests'>,
  query: v.InferOutput<typeof StatsQuery>,
): Promise<{ readonly stats: CallStats; readonly chats: ChatStats }> {
  const group = query.group?.toLowerCase();
  const keep = group
    ? (record: { skillGroup: { name: string | null } | null }) =>
        record.skillGroup?.name?.toLowerCase() === group
    : undefined;
  const options = {
    timeZone: query.timeZone,
    ...(query.serviceLevel !== undefined ? { serviceLevelSeconds: query.serviceLevel } : {}),
  };
  const stats = await aggregateCalls(storedCalls(store, query, keep), options);
  return { stats, chats: await aggregateChats(storedChats(store, query, keep), options) };
}

/**
 * `GET /internal/stats?from=<ms>&to=<ms>[&group=…][&timeZone=…][&serviceLevel=20]`: `@ccc-kit/stats`
 * metrics of the stored calls (`stats`) and chats (`chats`) that started in the range (at most 90 days), authenticated with
 * `Authorization: Bearer <INTERNAL_TOKEN>`. No Tencent request: the store holds every call it was pushed.
 */
export function createStatsHandler(deps: StatsApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return json(res, 405, { error: `use GET on ${STATS_PATH}` });
    if (!bearerAllowed(req, deps.token))
      return json(res, 401, { error: 'send Authorization: Bearer <INTERNAL_TOKEN>' });
    const params = Object.fromEntries(new URL(req.url ?? '/', 'http://webhook.invalid').searchParams);
    const query = v.safeParse(StatsQuery, params);
    if (!query.success) {
      const issue = query.issues[0];
      const key = issue?.path?.[0]?.key;
      return json(res, 400, { error: `${key ? `${String(key)}: ` : ''}${issue?.message ?? 'invalid'}` });
    }
    json(res, 200, { source: 'webhook', ...(await statsOfRange(deps.store, query.output)) });
  };
}
