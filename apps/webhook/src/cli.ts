import { parseCommandLine } from './cli/args.ts';
import { runCommand } from './cli/commands.ts';
import { UsageError } from './cli/usage.ts';

// The operator's CLI (see the README's CLI section): help on stdout with exit 0; a command-line mistake
// on stderr with the usage and exit 2; a failure on stderr with exit 1. Never a stack trace.

/** Prints the outcome of one run and sets the exit code (no `process.exit`: stdout is flushed first). */
async function main(argv: readonly string[]): Promise<void> {
  try {
    const invocation = parseCommandLine(argv);
    const output = 'help' in invocation ? invocation.help : await runCommand(invocation);
    process.stdout.write(`${output}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${error.usage}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv.slice(2));
