import { describe, expect, test } from 'vitest';
import { type ParsedCommand, parseCommand, parseSince } from './parse.ts';

const SID = 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d';

describe('parseCommand', () => {
  describe('subcommands', () => {
    test.each<[string, ParsedCommand]>([
      ['', { kind: 'help' }],
      ['  help ', { kind: 'help' }],
      ['HELP', { kind: 'help' }],
      [`state ${SID}`, { kind: 'state', query: { sessionId: SID } }],
      [
        'state user 1299314544 @cs',
        { kind: 'state', query: { clientUserId: '1299314544', customerServiceId: '@cs' } },
      ],
      [`transcript ${SID}`, { kind: 'transcript', sessionId: SID }],
      [`call ${SID}`, { kind: 'call', sessionId: SID, since: undefined }],
      [
        `call ${SID} --since 120d`,
        { kind: 'call', sessionId: SID, since: { kind: 'ago', seconds: 120 * 86_400, text: '120d' } },
      ],
      [
        `call --since=2024-06-01 ${SID}`,
        { kind: 'call', sessionId: SID, since: { kind: 'date', unix: 1_717_200_000, text: '2024-06-01' } },
      ],
      ['sessions', { kind: 'sessions', clientUserId: undefined, since: undefined }],
      [
        'sessions 1299314544 --since 24h',
        {
          kind: 'sessions',
          clientUserId: '1299314544',
          since: { kind: 'ago', seconds: 86_400, text: '24h' },
        },
      ],
      [
        'Sessions   --since 7d',
        { kind: 'sessions', clientUserId: undefined, since: expect.objectContaining({ seconds: 604_800 }) },
      ],
    ])('%j', (text, expected) => {
      expect(parseCommand(text)).toEqual(expected);
    });

    test('calls: a number in any written form, or --agent with an email or an escaped @mention', () => {
      expect(parseCommand('calls +86 138-0013-8000')).toEqual({
        kind: 'calls',
        filter: { kind: 'number', number: '8613800138000' },
        since: undefined,
      });
      expect(parseCommand('calls 008613800138000 --since 90d')).toMatchObject({
        filter: { kind: 'number', number: '8613800138000' },
        since: { seconds: 90 * 86_400 },
      });
      expect(parseCommand('calls <tel:+8613800138000|+86 138 0013 8000>')).toMatchObject({
        filter: { number: '8613800138000' },
      });
      expect(parseCommand('calls --agent <mailto:Ann@Example.com|Ann@Example.com>')).toMatchObject({
        filter: { kind: 'agent', email: 'ann@example.com' },
      });
      expect(parseCommand('calls --agent=<@U0ANN|ann> --since 7d')).toMatchObject({
        filter: { kind: 'mention', userId: 'U0ANN' },
      });
      expect(parseCommand('calls --agent <@W0ANN>')).toMatchObject({ filter: { userId: 'W0ANN' } });
    });

    test('missed: an optional --since and --group', () => {
      expect(parseCommand('missed')).toEqual({ kind: 'missed', since: undefined, group: undefined });
      expect(parseCommand('missed --since 7d --group=Billing')).toMatchObject({
        kind: 'missed',
        since: { seconds: 7 * 86_400 },
        group: 'Billing',
      });
      expect(parseCommand('missed Billing')).toMatchObject({
        kind: 'invalid',
        problem: expect.stringContaining('--group'),
      });
      expect(parseCommand('missed --group')).toEqual({
        kind: 'invalid',
        problem: '`--group` needs a value: a skill group name, e.g. Support.',
      });
    });

    test('undoes Slack auto-formatting of emails and entities', () => {
      expect(parseCommand('sessions <mailto:ann@example.com|ann@example.com>')).toMatchObject({
        clientUserId: 'ann@example.com',
      });
      expect(parseCommand('state user a&amp;b @cs')).toMatchObject({ kind: 'invalid' });
    });
  });

  describe('malformed input gives a one-line problem', () => {
    test.each([
      ['transfer 123', 'Unknown subcommand `transfer`.'],
      ['state', 'Missing the SessionId.'],
      ['state user 1299314544', 'Missing the CustomerServiceId.'],
      ['transcript', 'Missing the SessionId.'],
      [`transcript ${SID} extra`, 'Too many arguments: `extra`.'],
      ['call', 'Missing the SessionId.'],
      [`call ${SID} --since`, '`--since` needs a value: use 24h, 7d or a date like 2024-11-01.'],
      [
        `call ${SID} --since yesterday`,
        '`yesterday` is not a valid `--since`: use 24h, 7d or a date like 2024-11-01.',
      ],
      [
        `call ${SID} --since 2024-02-31`,
        '`2024-02-31` is not a valid `--since`: use 24h, 7d or a date like 2024-11-01.',
      ],
      [`call ${SID} --since 0d`, '`0d` is not a valid `--since`: use 24h, 7d or a date like 2024-11-01.'],
      [`call ${SID} --verbose`, 'Unknown option `--verbose`.'],
      [`state ${SID} --since 7d`, 'Unknown option `--since`.'],
      ['call <!channel>', '`!channel` does not look like an ID.'],
      ['sessions a b', 'Too many arguments: `b`.'],
      [`sessions --agent a@b.cn`, 'Unknown option `--agent`.'],
      ['calls --agent nobody', '`nobody` is neither an @mention nor an email.'],
      [
        'calls 138*****000',
        '`138*****000` is not a phone number: give a phone number such as +86 138 0013 8000, 008613800138000 or 13800138000.',
      ],
    ])('%j', (text, problem) => {
      expect(parseCommand(text)).toEqual({ kind: 'invalid', problem });
    });
  });
});

describe('parseSince', () => {
  test('durations and dates', () => {
    expect(parseSince('48h')).toEqual({ kind: 'ago', seconds: 172_800, text: '48h' });
    expect(parseSince('2024-11-01')).toEqual({ kind: 'date', unix: 1_730_419_200, text: '2024-11-01' });
    expect(parseSince('2024-11-01T08:00:00+08:00')).toMatchObject({ unix: 1_730_419_200 });
    expect(parseSince('2024-11-01 01:30')).toMatchObject({ unix: 1_730_424_600 });
  });

  test('rejects what it cannot read', () => {
    for (const text of ['7', 'd7', '7w', '2024-13-01', '2024-1-1', '99999d', 'now']) {
      expect(parseSince(text)).toBeUndefined();
    }
  });
});
