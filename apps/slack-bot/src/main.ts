import { formatEnvProblems, loadEnv } from './env.ts';

// Composition root: the only place that reads the environment; `serve.ts` builds the clients and the app and
// starts listening. It is imported only after the arguments and the environment are checked: loading Bolt and
// the chart renderer takes seconds on a busy machine, and `--help` or a configuration mistake must answer at
// once.

const USAGE = `Usage: node apps/slack-bot/dist/main.mjs   (or: node --env-file=apps/slack-bot/.env apps/slack-bot/dist/main.mjs)

Runs the Slack bot. It reads its settings from the environment only: every variable is in
apps/slack-bot/README.md (Environment), with a template in apps/slack-bot/.env.example.`;

// A service takes no arguments: --help explains where its settings come from, anything else is a mistake.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.length > 0) {
  process.stderr.write(`The bot takes no arguments (got ${args.length}).\n\n${USAGE}\n`);
  process.exit(2);
}

const loaded = loadEnv();
if (!loaded.ok) {
  console.error(formatEnvProblems(loaded.problems));
  process.exit(1);
}
const { serve } = await import('./serve.ts');
await serve(loaded.env);
