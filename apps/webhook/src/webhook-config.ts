import type { DigestSettings } from './digest/job.ts';
import type { PushAuth } from './http/auth.ts';
import type { ListCalls, ListChats } from './reconcile/reconcile.ts';
import type { RoutesFile } from './routes/index.ts';

/**
 * Everything the webhook needs, already validated (see `env.ts` and `config.ts`). It lives in a module of
 * its own because `app.ts`, `wiring.ts` and `config.ts` all need it: declared in `app.ts`, it tied `app.ts`
 * and `wiring.ts` into an import cycle.
 */
export interface WebhookConfig {
  readonly port: number;
  readonly host: string;
  readonly pushPath: string;
  readonly auth: PushAuth;
  readonly maxBodyBytes: number;
  /** Idle keep-alive connections are closed after this long; default 65 s (see `startServer`). */
  readonly keepAliveTimeoutMs?: number | undefined;
  readonly databaseUrl: string;
  /** PostgreSQL: every query and connection attempt gives up after this long; default 5 s. */
  readonly pgQueryTimeoutMs?: number | undefined;
  /** Pushes waiting for a commit beyond this many are answered 503 at once; default 10,000. */
  readonly commitQueueMax?: number | undefined;
  /** `/readyz` fails while a push has waited longer than this for its commit; default 10 s. */
  readonly commitStallMs?: number | undefined;
  readonly quarantineMaxRows: number;
  /** A refused body is kept whole up to this many bytes (beyond, its first bytes, flagged); default 8 MiB. */
  readonly quarantineMaxBodyBytes?: number;
  readonly routes: RoutesFile;
  readonly defaultChannel?: string | undefined;
  /** A voicemail whose call is unknown is posted alone after this long (default 15 minutes). */
  readonly voicemailWaitMs?: number | undefined;
  readonly slack: {
    readonly token: string;
    readonly apiUrl: string;
    readonly ratePerChannel: number;
    readonly maxAttempts: number;
    readonly timeoutMs: number;
  };
  readonly displayTimeZone: string;
  readonly metricsToken?: string | undefined;
  /**
   * The bot's secret for `POST /internal/follow-ups` (≥ 32 characters). With it, missed-call posts carry
   * the follow-up buttons and state; without it, follow-ups are off.
   */
  readonly internalToken?: string | undefined;
  /** A missed call is closed by a call reaching its customer within this long (default 24 h). */
  readonly followUpWindowMs?: number | undefined;
  /** The daily digest (`DIGEST_CHANNEL`, `DIGEST_AT`, `DIGEST_TIME_ZONE`); off when absent. */
  readonly digest?: DigestSettings | undefined;
  readonly relayOwner: string;
  readonly relayLeaseMs: number;
  /**
   * `stop()` returns within this (default 10 s): claims are released, posts still on the wire keep theirs
   * (in doubt, looked up in Slack by their next holder).
   */
  readonly shutdownTimeoutMs?: number;
  /** Delivered history older than this many days is deleted (hourly); 0 keeps everything. */
  readonly retentionDays?: number;
  /** How often retention runs; default one hour. */
  readonly retentionIntervalMs?: number;
  /** Present when CCC credentials are configured. */
  readonly reconcile?:
    | {
        readonly listCalls: ListCalls;
        /** Chat sessions too (DescribeIMCdrList); without it only calls are reconciled. */
        readonly listChats?: ListChats | undefined;
        readonly intervalMs: number;
        readonly windowMs: number;
        /** Calls younger than this are left to their push (default 5 minutes). */
        readonly settleMs?: number;
      }
    | undefined;
}
