import { CLICK_USAGE, click } from './click.ts';
import { HOME_USAGE, home } from './home.ts';
import { CliFailure, type CliIo, UsageError } from './options.ts';
import { PUSH_USAGE, push } from './push.ts';
import { SERVE_USAGE, serve } from './serve.ts';
import { SLASH_USAGE, slash } from './slash.ts';

/** What `pnpm sandbox --help` prints: the commands, one line each. */
export const USAGE = `Usage: pnpm sandbox [command] [options]   (or node packages/sandbox/dist/cli.mjs …)

Commands:
  serve   (the default) start the CCC, Desk and Slack emulators; print the webhook's and the bot's settings
  push    send data pushes to a webhook as Tencent does: a generated day, or one JSON file
  slash   send a signed slash command to the bot, e.g. slash "/ccc help"; answers show in the web view
  click   click a button of a message in an emulator channel, as Slack sends it to the bot
  home    open a user's Home tab: a signed app_home_opened event to the bot; prints the tab it publishes

Run pnpm sandbox <command> --help for its options.`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; usage: string }>> = {
  serve: { run: serve, usage: SERVE_USAGE },
  push: { run: push, usage: PUSH_USAGE },
  slash: { run: slash, usage: SLASH_USAGE },
  click: { run: click, usage: CLICK_USAGE },
  home: { run: home, usage: HOME_USAGE },
};

/**
 * Runs the CLI and resolves with its exit code: 0 done (or help), 1 failed while running, 2 called wrongly
 * (what was wrong and the usage on stderr). Without a command it serves, as `pnpm sandbox` always did.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(`${topic?.usage ?? USAGE}\n`);
    return 0;
  }
  const named = first !== undefined && !first.startsWith('-');
  const command = named ? COMMANDS[first] : COMMANDS.serve;
  if (!command) {
    io.stderr.write(`Unknown command "${first}": use serve, push, slash, click or home.\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(named ? rest : argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
