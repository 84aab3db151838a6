// The CLI's help texts, one per command, shown by `--help` (stdout, exit 0) and after a command-line
// mistake (stderr, exit 2). The program is named as an operator runs it from the repository root.

const RUN_AS = `Run it from the repository root as \`pnpm -s webhook <command>\` or \`node apps/webhook/dist/cli.mjs <command>\`.
Relative paths (files, DATABASE_URL=sqlite:./…, ROUTES_FILE) start from the directory it was started in.`;

/** The commands, by the words that name them. */
export type CommandName =
  | 'routes check'
  | 'quarantine list'
  | 'replay-quarantine'
  | 'replay-dead'
  | 'backfill'
  | 'digest';

/** Each command's help: what it does, its options, an example. */
export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  'routes check': `Usage: webhook routes check <routes file> [--push <push.json>] [--action cdr|imcdr|record|voicemail]
                            [--default-channel <channel>]

Validates a routes file (every problem as file:line: field: problem) and shows where pushes would be posted:
Tencent's documented samples, or the push in --push. Without --action, the push's kind is told from its
fields (and said); --action overrides it. Needs no environment.

Example: pnpm -s webhook routes check apps/webhook/routes.example.yaml --push apps/webhook/samples/voicemail.json`,
  'quarantine list': `Usage: webhook quarantine list [--limit N]

Lists the refused pushes kept in the quarantine, newest first (default 50, at most 10000): id, time received
(UTC), action, reason code, size in bytes and whether the body was cut. Never the body: it may hold
customer data. Uses the service's environment (DATABASE_URL).

Example: pnpm -s webhook quarantine list --limit 10`,
  'replay-quarantine': `Usage: webhook replay-quarantine [--id N ...]

Re-parses quarantined pushes (all, or the ids given) with this version and PUSH_MAX_BODY_BYTES: each valid
one is stored and leaves the quarantine in one transaction; the others stay. Prints what happened to each
push, then the totals. Uses the service's environment (DATABASE_URL, ROUTES_FILE, …).

Example: pnpm -s webhook replay-quarantine --id 12 --id 15`,
  'replay-dead': `Usage: webhook replay-dead

Puts the dead-lettered Slack messages back in the queue (due now, attempts reset); the running service
posts them. Uses the service's environment (DATABASE_URL).

Example: pnpm -s webhook replay-dead`,
  backfill: `Usage: webhook backfill --since <date> [--until <date>]

Imports the calls of [since, until) that pushes missed, from DescribeTelCdr (needs TENCENTCLOUD_SECRET_ID,
TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID); the running service posts them. --until defaults to now.
Dates: 2026-11-01 or 2026-11-01T08:00:00Z. Progress per page on stderr (a bar on a terminal), the summary
(calls seen, imported, quarantined) on stdout. Uses the service's environment.

Example: pnpm -s webhook backfill --since 2026-11-01 --until 2026-11-02`,
  digest: `Usage: webhook digest --date <YYYY-MM-DD> [--post]

Prints the digest of a day (in DIGEST_TIME_ZONE, else DISPLAY_TIMEZONE) computed from the calls in the
store, as the channel would read it. With --post, queues it for DIGEST_CHANNEL: the running service posts
it within a minute, once (a day already posted or queued is said so and not posted again). Uses the
service's environment (DATABASE_URL, DIGEST_*).

Example: pnpm -s webhook digest --date 2026-12-03`,
};

/** The CLI's own help: every command in a line, and how to run it. */
export const USAGE = `Usage: webhook <command> [options]   (webhook <command> --help for a command's options)

Commands:
  routes check <file> [--push <push.json>] [--action <kind>] [--default-channel <channel>]
                               validate a routes file and show where pushes would be posted
  quarantine list [--limit N]  list the refused pushes kept in the quarantine (never their bodies)
  replay-quarantine [--id N …] store the quarantined pushes that parse now; say what happened to each
  replay-dead                  put dead-lettered Slack messages back in the queue
  backfill --since <date> [--until <date>]
                               import the calls pushes missed from DescribeTelCdr
  digest --date <YYYY-MM-DD> [--post]
                               print a day's digest from the store, or queue it for DIGEST_CHANNEL

Every command but "routes check" uses the service's environment (DATABASE_URL, ROUTES_FILE, …).
${RUN_AS}`;

/** A mistake on the command line: the CLI prints it with the usage it concerns and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
  /** The usage to print after the message (the command's, or the CLI's). */
  readonly usage: string;
  constructor(message: string, usage: string = USAGE) {
    super(message);
    this.usage = usage;
  }
}
