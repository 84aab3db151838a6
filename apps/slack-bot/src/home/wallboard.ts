import { type CccClient, isCccError } from '@ccc-kit/ccc-client';
import type { StaffInfo } from '@ccc-kit/schemas';
import type { HomeAgents, HomeInput, HomePart, HomeQueue, HomeToday } from '@ccc-kit/slack-blocks';
import { todayWindow } from '../commands/stats-range.ts';
import type { BotDeps } from '../deps.ts';
import { BotError, BotErrorCode, isBotError } from '../errors.ts';
import { createSharedRead, type SharedReadOptions } from './shared-read.ts';
import { readToday, type TodayRead, todayOf } from './today-read.ts';
import { agentsOf, queueOf } from './wallboard-data.ts';
import { createAgentEmails, yourCallsOf } from './your-calls.ts';

/** Live metrics are asked at most this often, whatever the number of viewers (issue: 10 s per metric). */
export const LIVE_TTL_MS = 10_000;
/** Today's calls from Tencent (50 pages on a 5,000-call day) and the agent directory: at most this often. */
export const TODAY_TTL_MS = 5 * 60_000;
/** Agents listed by one DescribeStaffInfoList page (Tencent's maximum page size is 9,999). */
const DIRECTORY_PAGE = 2_000;

/** One line for a viewer: what failed (Tencent's code, the webhook), never a secret or a stack. */
export function homeProblem(error: unknown): string {
  if (isCccError(error))
    return `Tencent did not answer as expected (${error.code}); the next refresh asks again`;
  if (isBotError(error)) return error.message;
  return 'the data could not be read just now; the next refresh asks again';
}

/** Every CCC agent (names and skill groups), a page at a time. */
async function directory(ccc: CccClient): Promise<StaffInfo[]> {
  const staff: StaffInfo[] = [];
  for (let page = 0; ; page++) {
    const answer = await ccc.describeStaffInfoList({ pageSize: DIRECTORY_PAGE, pageNumber: page });
    staff.push(...answer.StaffList);
    if (answer.StaffList.length < DIRECTORY_PAGE || staff.length >= (answer.TotalCount ?? 0)) return staff;
  }
}

/** The parts of the Home tab, each read once for every viewer. */
export interface Wallboard {
  /** What `userId`'s Home tab shows now. */
  input(userId: string): Promise<HomeInput>;
}

/**
 * Today's numbers: from the webhook's store when the bot knows the webhook (a shared read every 10 s: cheap,
 * always current), else from the shared read of today's calls from Tencent.
 */
function todayPart(
  deps: BotDeps,
  live: SharedReadOptions,
): (calls: Promise<HomePart<TodayRead>>) => Promise<HomePart<HomeToday>> {
  const stats = deps.webhookStats;
  const fromWebhook = stats
    ? createSharedRead<HomeToday>(async () => {
        const window = todayWindow(deps.now(), deps.timeZone);
        const query = { from: window.start * 1000, to: window.end * 1000, timeZone: deps.timeZone };
        const answer = await stats.stats(query);
        if (!answer.ok)
          throw new BotError(
            BotErrorCode.WebhookUnavailable,
            `the webhook did not answer its stats (${answer.detail}): check WEBHOOK_URL and INTERNAL_TOKEN`,
          );
        return todayOf(answer.stats, "the webhook's store");
      }, live)
    : undefined;
  const source = `Tencent's call records (read at most every ${TODAY_TTL_MS / 60_000} minutes)`;
  return async (calls) => {
    if (fromWebhook) return fromWebhook();
    const part = await calls;
    return { ...part, value: part.value ? todayOf(part.value.view, source) : null };
  };
}

/**
 * The wallboard's shared reads: the queue and the agents (10 s), today's calls from Tencent (5 minutes,
 * also each agent's last calls), and today's numbers from the webhook's store when the bot knows the webhook
 * (10 s: cheap, always current). Ten viewers opening at once make one request per metric.
 */
export function createWallboard(deps: BotDeps, ccc: CccClient): Wallboard {
  const live = { ttlMs: LIVE_TTL_MS, now: deps.now, describe: homeProblem };
  const slow = { ...live, ttlMs: TODAY_TTL_MS, background: true };
  const queue = createSharedRead<HomeQueue>(async () => queueOf(await ccc.describeCallInMetrics()), live);
  const staff = createSharedRead(() => directory(ccc), slow);
  const agents = createSharedRead<HomeAgents>(async () => {
    const [status, known] = await Promise.all([ccc.describeStaffStatusMetrics(), staff()]);
    return agentsOf(status, known.value ?? []);
  }, live);
  const calls = createSharedRead<TodayRead>(() => readToday(ccc, deps.now(), deps.timeZone), slow);
  const today = todayPart(deps, live);
  const agentEmails = createAgentEmails(deps);
  return {
    async input(userId) {
      const todays = calls();
      const [q, a, t, mine] = await Promise.all([
        queue(),
        agents(),
        today(todays),
        yourCallsOf(agentEmails, userId, todays),
      ]);
      return {
        now: Math.floor(deps.now() / 1000),
        queue: q,
        agents: a,
        today: t,
        yourCalls: mine,
        timeZone: deps.timeZone,
      };
    },
  };
}
