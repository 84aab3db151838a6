import { describe, expect, test } from 'vitest';
import { parseDemoArgs } from './args.ts';

describe('parseDemoArgs', () => {
  test('defaults', () => {
    expect(parseDemoArgs([])).toEqual({
      ok: true,
      args: { seed: 1, calls: 40, chats: 12, show: 2, serve: false, verbose: false, help: false },
    });
  });

  test('every option', () => {
    const parsed = parseDemoArgs([
      '--seed',
      '7',
      '--calls=25',
      '--chats',
      '9',
      '--show',
      'all',
      '--serve',
      '--verbose',
    ]);
    expect(parsed).toEqual({
      ok: true,
      args: {
        seed: 7,
        calls: 25,
        chats: 9,
        show: Number.POSITIVE_INFINITY,
        serve: true,
        verbose: true,
        help: false,
      },
    });
  });

  test.each([
    [['--calls', 'many'], '--calls takes a whole number'],
    [['--calls', '5'], '--calls must be at least 20'],
    [['--calls', '5000'], '--calls must be at most 1000'],
    [['--seed=-3'], '--seed takes a whole number'],
    [['--show', 'some'], '--show takes a whole number or all'],
  ])('%j is refused with a clear message', (argv, message) => {
    expect(parseDemoArgs(argv)).toEqual({ ok: false, problems: [expect.stringContaining(message)] });
  });

  test('unknown options and positionals are refused by name', () => {
    const unknown = parseDemoArgs(['--call', '3']);
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.problems[0]).toContain("'--call'");
    expect(parseDemoArgs(['extra']).ok).toBe(false);
  });

  test('every problem is reported at once', () => {
    const parsed = parseDemoArgs(['--calls', 'x', '--chats', '1']);
    expect(parsed.ok ? [] : parsed.problems).toHaveLength(2);
  });
});
