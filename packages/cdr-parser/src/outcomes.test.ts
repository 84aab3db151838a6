import { readFileSync } from 'node:fs';
import { EndStatusTable, ImEndStatus } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { CHAT_OUTCOMES, chatOutcomeOf } from './chat-outcomes.ts';
import { OUTCOMES, outcomeOf } from './outcomes.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** Cells of the first README table row whose first cell is `name` in backticks (tables may be padded). */
const readmeRow = (name: string, from = 0): string[] | undefined =>
  readme
    .slice(from)
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .find((cells) => cells[0] === '' && cells[1] === `\`${name}\``);

describe('OUTCOMES (phone)', () => {
  test('covers every row of the schemas EndStatus table, each with an outcome and title words', () => {
    expect(OUTCOMES.map((r) => r.name)).toEqual(EndStatusTable.map((e) => e.name));
    for (const row of OUTCOMES) {
      expect(row.reason).not.toBe('');
      if (row.name !== 'unknown') expect(row.outcome, row.name).not.toBe('unknown');
    }
  });

  test('outcomeOf by string (case-insensitive, blocklist alias) and by numeric code', () => {
    expect(outcomeOf('busy', 'outbound')).toBe('not_answered');
    expect(outcomeOf('BUSY', 'outbound')).toBe('not_answered');
    expect(outcomeOf('blocklist', 'inbound')).toBe('blocked');
    expect(outcomeOf(103, 'inbound')).toBe('missed');
    expect(outcomeOf(1, 'inbound')).toBe('answered');
    expect(outcomeOf(233, 'inbound')).toBe('ai_handled');
  });

  test('voiceMailReached is an outbound callee-side voicemail: not_answered, never voicemail', () => {
    expect(outcomeOf('voiceMailReached', 'outbound')).toBe('not_answered');
    expect(OUTCOMES.some((r) => r.outcome === 'voicemail')).toBe(false);
  });

  test('direction matters only for unconnected', () => {
    expect(outcomeOf('unconnected', 'inbound')).toBe('missed');
    expect(outcomeOf('unconnected', 'outbound')).toBe('not_answered');
    for (const row of OUTCOMES.filter((r) => r.name !== 'unconnected'))
      expect(outcomeOf(row.name, 'inbound')).toBe(outcomeOf(row.name, 'outbound'));
  });

  test('unknown values', () => {
    for (const value of ['quantumTunnel', '', null, undefined, 214, -1])
      expect(outcomeOf(value, 'inbound')).toBe('unknown');
  });

  test('the README table lists every status with the same code and outcome', () => {
    for (const row of OUTCOMES) {
      const cells = readmeRow(row.name);
      expect(cells, row.name).toBeDefined();
      expect(cells?.[2], row.name).toBe(row.code === null ? '—' : String(row.code));
      expect(cells?.[4], row.name).toContain(`\`${row.outcome}\``);
    }
  });
});

describe('CHAT_OUTCOMES (IM)', () => {
  test('covers every IM end status of the schemas, each mapped', () => {
    expect(CHAT_OUTCOMES.map((r) => r.name)).toEqual(Object.keys(ImEndStatus));
    for (const row of CHAT_OUTCOMES) expect(row.outcome).not.toBe('unknown');
    expect(chatOutcomeOf('autoFinished')).toBe('timed_out');
    expect(chatOutcomeOf('AUTOFINISHED')).toBe('timed_out');
    expect(chatOutcomeOf('somethingNew')).toBe('unknown');
    expect(chatOutcomeOf(null)).toBe('unknown');
  });

  test('the README chat table matches', () => {
    for (const row of CHAT_OUTCOMES)
      expect(readmeRow(row.name, readme.indexOf('### Chat sessions'))?.[2], row.name).toBe(
        `\`${row.outcome}\``,
      );
  });
});
