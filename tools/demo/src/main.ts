import { parseDemoArgs, USAGE } from './args.ts';
import { runDemo } from './demo.ts';
import { isDemoError } from './errors.ts';

// `pnpm demo`: the entry point built to dist/demo.mjs. Exit codes: 0 done, 1 the demo failed, 2 bad arguments.

const parsed = parseDemoArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`${parsed.problems.join('\n')}\n\n${USAGE}\n`);
  process.exit(2);
}
const { args } = parsed;
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

/** Resolves at Ctrl-C (or SIGTERM), so `--serve` keeps everything up until then. */
const untilInterrupted = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

try {
  await runDemo(args, process.stdout, args.serve ? untilInterrupted : undefined);
  process.exit(0);
} catch (error) {
  const message = isDemoError(error) ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`\nThe demo failed: ${message}\n`);
  process.exit(1);
}
