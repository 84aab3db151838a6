import { describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.ts';

// Help and command-line mistakes need no environment: they never get as far as the settings.
const COMMANDS = [
  ['routes', 'check'],
  ['quarantine', 'list'],
  ['replay-quarantine'],
  ['replay-dead'],
  ['backfill'],
] as const;

describe('--help', () => {
  test('the CLI: every command in its usage, on stdout, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await runCli(args, {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      for (const command of COMMANDS) expect(run.stdout).toContain(command.join(' '));
    }
  });

  test.each(COMMANDS.map((words) => [words.join(' '), words] as const))(
    '%s --help: its own usage with an example, exit 0',
    async (_name, command) => {
      const run = await runCli([...command, '--help'], {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: webhook ${command.join(' ')}`));
      expect(run.stdout).toContain(`Example: pnpm -s webhook ${command.join(' ')}`);
    },
  );

  test('routes --help is the help of routes check', async () => {
    const run = await runCli(['routes', '--help'], {});
    expect(run.stdout).toMatch(/^Usage: webhook routes check/);
  });
});

describe('command-line mistakes: a short message, the usage, exit 2', () => {
  test('an unknown option names itself, without node’s long advice', async () => {
    const run = await runCli(['replay-dead', '--verbose'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Unknown option --verbose\n\nUsage: webhook replay-dead\n/);
    expect(run.stdout).toBe('');
  });

  test('a missing or unknown command, an option without its value, a stray argument', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^Missing command\n\nUsage: webhook <command>/],
      [['replay'], /^Unknown command "replay"\n\nUsage: webhook <command>/],
      [['routes', 'lint'], /^"routes" needs a subcommand: routes check\n\nUsage: webhook routes check/],
      [['backfill', '--since'], /^--since needs a value\n\nUsage: webhook backfill/],
      [['replay-dead', 'now'], /^Unexpected argument "now"\n\nUsage: webhook replay-dead/],
      [
        ['quarantine', 'list', '--limit', 'all'],
        /^--limit takes a whole number\n\nUsage: webhook quarantine list/,
      ],
      [['replay-quarantine', '--id', '7x'], /^--id takes a whole number\n/],
    ];
    for (const [args, expected] of cases) {
      const run = await runCli(args, {});
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(expected);
    }
  });

  test('backfill: a range that runs backwards, a missing --since, a date that is none', async () => {
    const backwards = await runCli(['backfill', '--since', '2026-11-02', '--until', '2026-11-01'], {});
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(
      /^--until \(2026-11-01T00:00:00\.000Z\) is not after --since \(2026-11-02T00:00:00\.000Z\): the range runs from --since to --until, so swap them\n/,
    );
    const missing = await runCli(['backfill', '--until', '2026-11-01'], {});
    expect(missing.stderr).toMatch(/^backfill needs --since <date>/);
    const future = await runCli(['backfill', '--since', '2999-01-01'], {});
    expect(future.stderr).toMatch(/is not after --since .* \(--until defaults to now\)\n/);
    const nonsense = await runCli(['backfill', '--since', 'yesterday'], {});
    expect(nonsense.stderr).toMatch(/^--since needs a date like 2026-11-01 or 2026-11-01T08:00:00Z\n/);
  });
});
