import { describe, expect, test } from 'vitest';
import type { CallFacts } from './call-facts.ts';
import { sameParty, speakerRole } from './speakers.ts';

const facts: CallFacts = {
  agents: ['ann@example.com', 'bob@example.com', '008613900001111', 'Xiaowei'],
  customers: ['008613812345678'],
  startedAt: 1_790_000_000,
  endedAt: 1_790_000_300,
  connected: true,
  inProgress: false,
  asrStatus: 'Complete',
};

describe('sameParty', () => {
  test.each([
    ['008613812345678', '008613812345678'],
    ['8613812345678', '008613812345678'],
    ['+86 138 1234 5678', '008613812345678'],
    ['13812345678', '008613812345678'],
    ['Ann@Example.com', 'ann@example.com'],
  ])('%s is %s', (a, b) => expect(sameParty(a, b)).toBe(true));

  test.each([
    ['13812345679', '008613812345678'],
    ['5678', '008613812345678'],
    ['ann@example.com', 'anne@example.com'],
    ['', ''],
  ])('%j is not %j', (a, b) => expect(sameParty(a, b)).toBe(false));
});

describe('speakerRole', () => {
  test('agents by account, phone or AI agent name; the customer by number in any form', () => {
    expect(speakerRole(facts, 'ann@example.com')).toBe('agent');
    expect(speakerRole(facts, '8613900001111')).toBe('agent');
    expect(speakerRole(facts, 'Xiaowei')).toBe('agent');
    expect(speakerRole(facts, '8613812345678')).toBe('customer');
  });

  test('anyone else, or a call without records, is unknown: never guessed from the shape of the id', () => {
    expect(speakerRole(facts, 'carol@example.com')).toBe('unknown');
    expect(speakerRole(facts, '13700000000')).toBe('unknown');
    expect(speakerRole(undefined, 'ann@example.com')).toBe('unknown');
  });
});
