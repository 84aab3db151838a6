import { backoff, every, realScheduler, type Scheduler } from '@ccc-kit/timers';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { DigestRow } from '../store/digest-store.ts';
import type { Store } from '../store/index.ts';
import { type BuiltDigest, buildDigest } from './build.ts';
import { digestChart } from './chart.ts';
import { dueDay } from './day.ts';
import { attachChart, findPostedDigest, postDigest } from './post.ts';

/** Where and when the digest is posted (`DIGEST_CHANNEL`, `DIGEST_AT`, `DIGEST_TIME_ZONE`). */
export interface DigestSettings {
  readonly channel: string;
  /** Minutes after local midnight. */
  readonly atMinute: number;
  readonly timeZone: string;
}

/** Options of {@link createDigestJob}. */
export interface DigestJobOptions {
  readonly store: Pick<Store, 'digests' | 'countWaitingFollowUps'>;
  readonly slack: WebClient;
  readonly settings: DigestSettings;
  /** This replica's name for leases (the relay's owner). */
  readonly owner: string;
  /** The webhook keeps follow-ups (INTERNAL_TOKEN set): the digest counts the calls waiting. */
  readonly followUps: boolean;
  readonly logger: Logger;
  readonly scheduler?: Scheduler;
  /** Overrides `scheduler.now` for deciding what is due (tests run on a virtual clock). */
  readonly now?: () => number;
  /** How often the job looks for a due digest; default one minute. */
  readonly intervalMs?: number;
}

const LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 6;
/** Slack answers after which another attempt cannot succeed until someone changes the configuration. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'missing_scope',
]);

const slackError = (error: unknown): string =>
  String((error as { data?: { error?: unknown } } | null)?.data?.error ?? (error as Error)?.message ?? error);

/**
 * Posts each day's digest once: at `DIGEST_AT` (local) yesterday's digest is queued (once, whichever
 * replica gets there first: the store keys it `digest:<day>`), then the replica that claims it posts it.
 * A digest missed while the service was down is posted when it comes back, but only yesterday's.
 *
 * @example
 * const job = createDigestJob({ store, slack, settings, owner, followUps: true, logger });
 * job.start();
 */
export function createDigestJob(options: DigestJobOptions) {
  const scheduler = options.scheduler ?? realScheduler;
  const clock = options.now ?? (() => scheduler.now());
  const { store, settings, logger } = options;
  let cancel: (() => void) | undefined;
  let running: Promise<void> | null = null;

  // The chart comes after the post is recorded: its failure leaves the posted numbers as they are.
  const showChart = async (post: { channel: string; ts: string }, digest: BuiltDigest, day: string) => {
    try {
      const png = await digestChart(digest.stats, day);
      if (!(await attachChart(options.slack, post, digest, png, scheduler)))
        logger.warn({ day }, 'digest chart: Slack did not finish processing it; it stays in the thread');
    } catch (error) {
      logger.warn({ day, err: slackError(error) }, 'digest chart not shown; the digest is posted without it');
    }
  };

  const send = async (row: DigestRow): Promise<void> => {
    const now = clock();
    try {
      if (row.attempts > 1 && row.firstAttemptAt !== null) {
        const ts = await findPostedDigest(options.slack, row.channel, row.day, row.firstAttemptAt);
        if (ts) return void (await store.digests.finish(row.day, options.owner, { ts }));
      }
      const digest = await buildDigest(store, row.day, {
        timeZone: settings.timeZone,
        followUps: options.followUps,
      });
      const post = await postDigest(options.slack, row.channel, digest);
      await store.digests.finish(row.day, options.owner, { ts: post.ts });
      logger.info({ day: row.day, channel: row.channel }, 'digest posted');
      await showChart(post, digest, row.day);
    } catch (error) {
      const reason = slackError(error);
      const last = row.attempts >= MAX_ATTEMPTS || PERMANENT.has(reason);
      const retryAt = last
        ? null
        : now + backoff({ baseDelayMs: 30_000, maxDelayMs: 600_000 }, row.attempts, Math.random);
      await store.digests.finish(row.day, options.owner, { retryAt, error: reason }).catch(() => false);
      logger.warn({ day: row.day, err: reason, willRetry: !last }, 'digest not posted');
    }
  };

  const tick = async (): Promise<void> => {
    const now = clock();
    const day = dueDay(now, settings.timeZone, settings.atMinute);
    if (day) await store.digests.queue(day, settings.channel, now);
    const row = await store.digests.claim(options.owner, now, LEASE_MS);
    if (row) await send(row);
  };
  const runOnce = (): Promise<void> =>
    (running ??= tick()
      .catch((error: unknown) => logger.warn({ err: error }, 'digest check failed; the next one retries'))
      .finally(() => {
        running = null;
      }));

  return {
    /** Checks now, then every `intervalMs`. */
    start(): void {
      cancel ??= every(options.intervalMs ?? 60_000, () => void runOnce(), scheduler);
      void runOnce();
    },
    /** One check (tests and the CLI): queue the due digest, post what is due. */
    runOnce,
    async stop(): Promise<void> {
      cancel?.();
      cancel = undefined;
      await running;
    },
  };
}
