import type { CccClient } from '@ccc-kit/ccc-client';
import { type CallRecord, toCallRecord } from '@ccc-kit/cdr-parser';
import type { CdrPush } from '@ccc-kit/schemas';
import type { HomeToday } from '@ccc-kit/slack-blocks';
import { todayWindow } from '../commands/stats-range.ts';
import { tencentStats } from '../commands/stats-tencent.ts';
import { figuresOf, type StatsView } from '../commands/stats-view.ts';

/** Calls kept per agent for "Your calls". */
export const YOUR_CALLS = 5;

/** Today's calls read from Tencent once for every viewer: the stats, and each agent's last calls. */
export interface TodayRead {
  readonly view: StatsView;
  /** Agent email (lower case) → their last calls today, newest first, at most {@link YOUR_CALLS}. */
  readonly recent: ReadonlyMap<string, readonly CallRecord[]>;
  readonly pages: number;
}

/** Everyone who handled a call: the agent of the call and each agent leg (transfers), lower-cased. */
function agentMailsOf(cdr: CdrPush): Set<string> {
  const mails = [cdr.SeatUser?.Mail, ...(cdr.ServeParticipants ?? []).map((p) => p.Mail)];
  return new Set(mails.map((m) => m?.trim().toLowerCase()).filter((m): m is string => !!m));
}

/** Keeps `record` among the agent's newest {@link YOUR_CALLS}. */
function keep(recent: Map<string, CallRecord[]>, agent: string, record: CallRecord): void {
  const at = (r: CallRecord) => r.startedAt?.getTime() ?? 0;
  const list = [...(recent.get(agent) ?? []), record].sort((a, b) => at(b) - at(a));
  recent.set(agent, list.slice(0, YOUR_CALLS));
}

/**
 * Reads today's calls from DescribeTelCdr (every page, at the CCC client's pace) and keeps what the Home tab
 * shows: the stats and each agent's last calls. Memory is bounded by the stats' and 5 calls per agent.
 */
export async function readToday(
  ccc: Pick<CccClient, 'iterateTelCdrPages'>,
  nowMs: number,
  timeZone: string,
): Promise<TodayRead> {
  const recent = new Map<string, CallRecord[]>();
  const read = await tencentStats(ccc, todayWindow(nowMs, timeZone), {
    timeZone,
    onCall(cdr) {
      const agents = agentMailsOf(cdr);
      if (agents.size === 0) return;
      const record = toCallRecord(cdr);
      for (const agent of agents) keep(recent, agent, record);
    },
  });
  return { view: read.stats, recent, pages: read.pages };
}

/** The Home tab's Today numbers of a stats view. */
export const todayOf = (view: StatsView, source: string): HomeToday => ({
  ...figuresOf(view),
  serviceLevelSeconds: view.serviceLevelSeconds,
  source,
});
