import * as v from 'valibot';
import { checkConfig, configFromEnv } from '../config.ts';
import { loadEnv, startDirectory } from '../env.ts';
import { openStore, type Store } from '../store/index.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import { dateOption, type Invocation, parseOptions, wholeNumber } from './args.ts';
import { backfill } from './backfill.ts';
import { digestCommand } from './digest.ts';
import { quarantineList } from './quarantine-list.ts';
import { replayLines, replayQuarantine } from './replay.ts';
import { routesCheck } from './routes-check.ts';
import { COMMAND_USAGE, type CommandName, UsageError } from './usage.ts';

type Command = Extract<Invocation, { command: CommandName }>;

const RoutesCheckArgs = v.object({
  push: v.optional(v.string()),
  action: v.optional(
    v.picklist(['cdr', 'imcdr', 'record', 'voicemail'], '--action is one of cdr, imcdr, record, voicemail'),
  ),
  'default-channel': v.optional(v.string()),
});
const DigestArgs = v.object({
  date: v.pipe(
    v.string('digest needs --date <YYYY-MM-DD>, the day to summarise'),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, '--date is a day like 2026-12-03'),
    v.check((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), '--date is not a day of the calendar'),
  ),
  post: v.optional(v.boolean(), false),
});
const QuarantineListArgs = v.object({ limit: v.optional(wholeNumber('limit', 1, 10_000), '50') });
const ReplayArgs = v.object({ id: v.optional(v.array(wholeNumber('id', 1, Number.MAX_SAFE_INTEGER))) });
const BackfillArgs = v.pipe(
  v.object({
    since: v.optional(dateOption('since')),
    until: v.optional(dateOption('until')),
  }),
  v.rawTransform(({ dataset: { value }, addIssue, NEVER }) => {
    const until = value.until ?? new Date();
    if (!value.since)
      addIssue({ message: 'backfill needs --since <date>, the start of the range to import' });
    else if (until <= value.since)
      addIssue({
        message: `--until (${until.toISOString()}) is not after --since (${value.since.toISOString()}): the range runs from --since to --until, so swap them${value.until ? '' : ' (--until defaults to now)'}`,
      });
    return value.since && until > value.since ? { since: value.since, until } : NEVER;
  }),
);

/** The service's configuration, as `main.ts` builds it: the CLI opens the database the service uses. */
function serviceConfig(): WebhookConfig {
  const baseDir = startDirectory();
  const checked = checkConfig(loadEnv(), baseDir);
  if (!checked.ok) throw new Error(`Fix these settings first:\n  - ${checked.problems.join('\n  - ')}`);
  return configFromEnv(checked.env, { routes: checked.routes, baseDir });
}

/** Runs `work` on the service's store, closed afterwards whatever happens. */
async function withStore<T>(config: WebhookConfig, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.databaseUrl);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The commands that use the service's environment and store. */
async function runServiceCommand(invocation: Command): Promise<string> {
  const { command, values } = invocation;
  if (command === 'quarantine list') {
    const { limit } = parseOptions(QuarantineListArgs, values, command);
    return withStore(serviceConfig(), (store) => quarantineList(store, limit));
  }
  if (command === 'replay-dead')
    return withStore(
      serviceConfig(),
      async (store) => `${await store.replayDead()} dead message(s) queued again`,
    );
  if (command === 'replay-quarantine') {
    const { id: ids } = parseOptions(ReplayArgs, values, command);
    const config = serviceConfig();
    const report = await withStore(config, (store) =>
      replayQuarantine(store, {
        routes: config.routes,
        defaultChannel: config.defaultChannel,
        maxBodyBytes: config.maxBodyBytes,
        ...(ids ? { ids } : {}),
      }),
    );
    return replayLines(report);
  }
  if (command === 'digest') {
    const { date, post } = parseOptions(DigestArgs, values, command);
    const config = serviceConfig();
    return withStore(config, (store) => digestCommand(store, config, { day: date, post, now: Date.now() }));
  }
  const range = parseOptions(BackfillArgs, values, 'backfill');
  const config = serviceConfig();
  const { reconcile } = config;
  if (!reconcile)
    throw new UsageError(
      'backfill needs TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID in the environment',
      COMMAND_USAGE.backfill,
    );
  return withStore(config, (store) => backfill(store, { ...config, reconcile }, range, process.stderr));
}

/**
 * Runs one command and returns what it prints on stdout. Throws a `UsageError` for a command-line
 * mistake (exit 2) and any other error for a failure (exit 1).
 */
export async function runCommand(invocation: Command): Promise<string> {
  if (invocation.command !== 'routes check') return runServiceCommand(invocation);
  const options = parseOptions(RoutesCheckArgs, invocation.values, invocation.command);
  const [file = ''] = invocation.positionals;
  return routesCheck(file, {
    push: options.push,
    action: options.action,
    defaultChannel: options['default-channel'],
    baseDir: startDirectory(),
  });
}
