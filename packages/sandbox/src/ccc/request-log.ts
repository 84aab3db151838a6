/** One request the CCC emulator received, for assertions in tests. */
export interface CccRequestRecord {
  /** `X-TC-Action` as sent (empty when missing). */
  readonly action: string;
  /** Arrival time in milliseconds, from the emulator's `now()`. */
  readonly time: number;
  /**
   * `ok`, the Tencent error code answered (e.g. `RequestLimitExceeded`), `http_<status>`, `reset`, or
   * `aborted` (the client went away before its body was read).
   */
  readonly outcome: string;
  /** HTTP status sent (0 when the connection was reset, or an `accepted-lost` fault lost the answer). */
  readonly status: number;
  /** `RequestId` of the answer, when one was sent. */
  readonly requestId: string | undefined;
  /** SecretId of a request whose signature verified. */
  readonly secretId: string | undefined;
}

/** Totals over the request log. */
export interface CccCounters {
  readonly total: number;
  /** Requests per outcome, e.g. `{ ok: 40, RequestLimitExceeded: 3 }`. */
  readonly byOutcome: Readonly<Record<string, number>>;
  /** Requests per action. */
  readonly byAction: Readonly<Record<string, number>>;
}

/** Append-only request log with derived counters. */
export interface RequestLog {
  add(record: CccRequestRecord): void;
  all(): readonly CccRequestRecord[];
  counters(): CccCounters;
  clear(): void;
}

/** Creates an empty {@link RequestLog}. */
export function createRequestLog(): RequestLog {
  const records: CccRequestRecord[] = [];
  return {
    add(record) {
      records.push(record);
    },
    all: () => [...records],
    counters() {
      const byOutcome: Record<string, number> = {};
      const byAction: Record<string, number> = {};
      for (const r of records) {
        byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
        byAction[r.action] = (byAction[r.action] ?? 0) + 1;
      }
      return { total: records.length, byOutcome, byAction };
    },
    clear() {
      records.length = 0;
    },
  };
}
