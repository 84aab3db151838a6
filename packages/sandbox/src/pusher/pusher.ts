import { realScheduler, type Scheduler } from '@ccc-kit/timers';
import { SandboxError, SandboxErrorCode } from '../errors.ts';
import type { AttemptSettings, PusherAuth } from './attempt.ts';
import { deliver, type PushAttempt, type PushResult, type RetryPolicy } from './deliver.ts';
import { pool, spread } from './pool.ts';
import type { PushItem } from './push-item.ts';

/** Options of {@link createPusher}. */
export interface PusherOptions {
  /** The receiver, e.g. `http://127.0.0.1:8080/tccc/push`; its own query parameters are kept. */
  readonly url: string;
  /** Credentials as configured in the CCC console (Basic), or a token in the URL or a Bearer header. */
  readonly auth?: PusherAuth;
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Wait before retry 1, 2, 3… (default `[50, 200, 500]`; the last value repeats). Tencent does not publish
   * its intervals, so tests choose theirs.
   */
  readonly retryDelaysMs?: readonly number[];
  /** Retries after the first attempt (default 3, Tencent's documented maximum). */
  readonly maxRetries?: number;
  /** Per attempt, until the whole reply is read (default 10 000). */
  readonly timeoutMs?: number;
  /** Parallel pushes of {@link Pusher.pushAll} (default 4). */
  readonly concurrency?: number;
  /** Send `version=1` with voicemail pushes too (the voicemail doc shows `?action=voicemail` alone). */
  readonly voicemailVersion?: boolean;
  /** Called after every HTTP attempt (for logs and assertions). */
  readonly onAttempt?: (attempt: PushAttempt) => void;
  /** Clock and timers of the retry waits and attempt timeouts (default: real time); tests pass a virtual clock. */
  readonly scheduler?: Scheduler;
}

/** Counters of a pusher since it was created. */
export interface PusherStats {
  /** Pushes started (duplicates included). */
  readonly sent: number;
  readonly delivered: number;
  /** Pushes given up after the last retry. */
  readonly failed: number;
  /** HTTP attempts. */
  readonly attempts: number;
  /** Pushes sent again on purpose with the same push id. */
  readonly duplicates: number;
}

/** Options of {@link Pusher.pushAll}. */
export interface PushAllOptions {
  /** Parallel pushes (default: the pusher's `concurrency`). */
  readonly concurrency?: number;
  /** Send this many items (evenly spread) a second time, with the same push id, right after the first. */
  readonly duplicates?: number;
}

/** Sends Tencent-style data pushes. */
export interface Pusher {
  /** Sends one push: one attempt plus up to `maxRetries` retries with the same `X-TCCC-PUSH-UUID`. */
  push(item: PushItem): Promise<PushResult>;
  /**
   * Sends items with bounded concurrency. One result per POSTed push in item order; a duplicated item's
   * second result follows its first.
   */
  pushAll(items: readonly PushItem[], options?: PushAllOptions): Promise<PushResult[]>;
  /** Sends an item again with its push id, as Tencent does when an acknowledgement got lost. */
  duplicate(item: PushItem): Promise<PushResult>;
  /** A snapshot of the counters. */
  readonly stats: PusherStats;
}

const invalid = (message: string): SandboxError => new SandboxError(SandboxErrorCode.InvalidOptions, message);

const positiveInteger = (value: number, name: string): number => {
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalid(`${name} must be a positive integer, got ${value}`);
  return value;
};

function settingsOf(options: PusherOptions): AttemptSettings {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (error) {
    throw new SandboxError(SandboxErrorCode.InvalidOptions, 'url must be an absolute http(s) URL', {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('url must be an absolute http(s) URL');
  return {
    url,
    auth: options.auth,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: positiveInteger(options.timeoutMs ?? 10_000, 'timeoutMs'),
    scheduler: options.scheduler ?? realScheduler,
    voicemailVersion: options.voicemailVersion ?? false,
  };
}

function policyOf(options: PusherOptions): RetryPolicy {
  const delays = options.retryDelaysMs ?? [50, 200, 500];
  if (delays.length === 0 || delays.some((d) => !Number.isFinite(d) || d < 0))
    throw invalid('retryDelaysMs must list non-negative numbers');
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0)
    throw invalid('maxRetries must be a non-negative integer');
  return { settings: settingsOf(options), delays, maxRetries, onAttempt: options.onAttempt };
}

/**
 * Creates a pusher that POSTs CDR, IM CDR, recording and voicemail pushes the way Tencent CCC does:
 * `?action=<a>&version=1`, `Content-Type: application/json;charset=utf8`, `X-TCCC-PUSH-UUID`, and retries
 * (up to 3 times) every answer that is not HTTP 2xx with JSON `ErrCode: 0`.
 *
 * @example
 * const pusher = createPusher({ url: 'http://127.0.0.1:8080/push', auth: { token: 't0ken', in: 'query' } });
 * const result = await pusher.push({ action: 'cdr', body: dataset.calls[0].push, pushId: crypto.randomUUID() });
 * if (!result.delivered) console.log(result.failure);
 */
export function createPusher(options: PusherOptions): Pusher {
  const policy = policyOf(options);
  const defaultConcurrency = positiveInteger(options.concurrency ?? 4, 'concurrency');
  const stats = { sent: 0, delivered: 0, failed: 0, attempts: 0, duplicates: 0 };
  const countAttempt = () => {
    stats.attempts++;
  };

  const push = async (item: PushItem): Promise<PushResult> => {
    stats.sent++;
    const result = await deliver(item, policy, countAttempt);
    if (result.delivered) stats.delivered++;
    else stats.failed++;
    return result;
  };

  const duplicate = (item: PushItem): Promise<PushResult> => {
    stats.duplicates++;
    return push(item);
  };

  const pushAll = async (items: readonly PushItem[], all: PushAllOptions = {}): Promise<PushResult[]> => {
    const concurrency = positiveInteger(all.concurrency ?? defaultConcurrency, 'concurrency');
    const duplicates = all.duplicates ?? 0;
    if (!Number.isSafeInteger(duplicates) || duplicates < 0)
      throw invalid('duplicates must be a non-negative integer');
    const doubled = spread(items.length, duplicates);
    const results = await pool(items, concurrency, async (item, i) => {
      const first = await push(item);
      return doubled.has(i) ? [first, await duplicate(item)] : [first];
    });
    return results.flat();
  };

  return {
    push,
    pushAll,
    duplicate,
    get stats() {
      return { ...stats };
    },
  };
}
