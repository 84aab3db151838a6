import { parseArgs } from 'node:util';
import { backfill } from './cli/backfill.ts';
import { replayQuarantine } from './cli/replay.ts';
import { routesCheck } from './cli/routes-check.ts';
import { configFromEnv } from './config.ts';
import { loadEnv } from './env.ts';
import { openStore } from './store/index.ts';

const USAGE = `Usage: pnpm --filter @ccc-kit/webhook cli <command>

Commands:
  routes check <file> [--push <push.json> --action cdr|imcdr|voicemail] [--default-channel <C…>]
                          validate a routes file and show where sample pushes would be posted
  replay-quarantine [--id N ...]   re-parse quarantined pushes with this version and PUSH_MAX_BODY_BYTES and
                                   store the valid ones (each stored and removed in one transaction)
  replay-dead                      put dead-lettered Slack messages back in the queue
  backfill --since <date> [--until <date>]
                          import calls from DescribeTelCdr that pushes missed (needs the CCC variables);
                          progress per page on stderr (a bar on a terminal, plain lines otherwise)

Every command but "routes check" uses the service's environment (DATABASE_URL, ROUTES_FILE, …).`;

// A function declaration (not an arrow) so that TypeScript narrows the code after a call to it.
function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const date = (value: string | undefined, name: string): Date => {
  const parsed = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) fail(`--${name} needs a date like 2026-11-01 or 2026-11-01T08:00:00Z`);
  return parsed;
};

const serviceEnv = () => {
  const loaded = loadEnv();
  if (!loaded.ok) fail(`Fix these settings first:\n  - ${loaded.problems.join('\n  - ')}`);
  return configFromEnv(loaded.env);
};

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      push: { type: 'string' },
      action: { type: 'string' },
      'default-channel': { type: 'string' },
      id: { type: 'string', multiple: true },
      since: { type: 'string' },
      until: { type: 'string' },
    },
  });
  const [command, sub, file] = positionals;
  if (command === 'routes' && sub === 'check') {
    if (!file) fail('routes check needs the routes file path');
    return routesCheck(file, {
      ...(values.push ? { push: values.push } : {}),
      ...(values.action ? { action: values.action } : {}),
      ...(values['default-channel'] ? { defaultChannel: values['default-channel'] } : {}),
    });
  }
  if (command !== 'replay-quarantine' && command !== 'replay-dead' && command !== 'backfill') {
    return fail(command ? `Unknown command "${command}"` : 'Missing command');
  }
  const config = serviceEnv();
  const store = await openStore(config.databaseUrl);
  try {
    if (command === 'replay-dead') return `${await store.replayDead()} dead message(s) queued again`;
    if (command === 'replay-quarantine') {
      const ids = values.id?.map((id) =>
        /^\d+$/.test(id) ? Number(id) : fail(`--id ${id} is not a number`),
      );
      const report = await replayQuarantine(store, {
        routes: config.routes,
        defaultChannel: config.defaultChannel,
        maxBodyBytes: config.maxBodyBytes,
        ...(ids ? { ids } : {}),
      });
      return `replayed: ${report.stored} stored, ${report.duplicate} duplicate, ${report.stillInvalid} still invalid (kept)`;
    }
    if (!config.reconcile)
      fail('backfill needs TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and CCC_SDK_APP_ID');
    const since = date(values.since, 'since');
    const until = values.until ? date(values.until, 'until') : new Date();
    if (until <= since) fail('--until must be after --since');
    return await backfill(
      store,
      { ...config, reconcile: config.reconcile },
      { since, until },
      process.stderr,
    );
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (output) => process.stdout.write(`${output}\n`),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
