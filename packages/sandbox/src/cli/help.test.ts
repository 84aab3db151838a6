import { describe, expect, test } from 'vitest';
import { runCli } from './test-utils/cli.ts';

// Every command as an operator types it: the built CLI as its own process.

describe('--help', () => {
  test.each([
    [['--help'], 'Usage: pnpm sandbox [command]'],
    [['-h'], 'Usage: pnpm sandbox [command]'],
    [['help', 'push'], 'Usage: pnpm sandbox push'],
    [['serve', '--help'], 'Usage: pnpm sandbox [serve]'],
    [['push', '--help'], 'Usage: pnpm sandbox push'],
    [['slash', '--help'], 'Usage: pnpm sandbox slash'],
    [['click', '-h'], 'Usage: pnpm sandbox click'],
    [['home', '--help'], 'Usage: pnpm sandbox home'],
    [['push', '--file', 'x.json', '--help'], 'Usage: pnpm sandbox push'],
  ])('%j: exit 0, the usage on stdout, nothing on stderr', async (args, usage) => {
    const run = await runCli(args);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(usage);
  });
});

describe('usage mistakes: exit 2, what was wrong and the usage on stderr', () => {
  test('an unknown command names the commands', async () => {
    const run = await runCli(['pushh']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^Unknown command "pushh": use serve, push, slash, click or home\.\n\nUsage: pnpm sandbox/,
    );
  });

  test('an unknown option, then the command usage', async () => {
    const run = await runCli(['push', '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Unknown option '--bogus'/);
    expect(run.stderr).toContain('Usage: pnpm sandbox push');
  });

  test('every invalid value at once', async () => {
    const run = await runCli([
      'push',
      '--calls',
      'many',
      '--day',
      '2025-02-31',
      '--action',
      'cdrr',
      '--url',
      'ftp://x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n\n')[0]?.split('\n')).toEqual([
      '--calls takes a whole number',
      '--day takes a real date like 2025-03-01',
      '--url takes an absolute http(s) URL, like http://127.0.0.1:8080/push',
      '--action is one of cdr, imcdr, record, voicemail',
    ]);
  });

  test('serve: a bad --channels item and a port out of range', async () => {
    const run = await runCli(['--channels', 'support,Bad Name,x=C12', '--ccc-port', '70000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--ccc-port is at most 65535');
    expect(run.stderr).toContain('"Bad Name" is not a channel name');
    expect(run.stderr).toContain('"C12" is not a channel id like C0123ABCD');
    expect(run.stderr).toContain('Usage: pnpm sandbox [serve]');
  });

  test('slash without a command text', async () => {
    const run = await runCli(['slash', 'ccc help']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^give the command with its slash and text, like "\/ccc help"/);
  });
});
