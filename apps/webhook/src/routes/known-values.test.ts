import { describe, expect, test } from 'vitest';
import { closestKnown, editDistance } from './did-you-mean.ts';
import { END_STATUS_VALUES, OUTCOME_VALUES } from './known-values.ts';
import { parseRoutes } from './load.ts';
import { problemsOf } from './problems.test-helper.ts';

describe('did you mean', () => {
  test('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('missed', 'missed')).toBe(0);
    expect(editDistance('missedd', 'missed')).toBe(1);
    expect(editDistance('anwsered', 'answered')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('the same value but for case first, else the closest within a third of its length', () => {
    expect(closestKnown('WaitingGiveUp', END_STATUS_VALUES)).toBe('waitingGiveUp');
    expect(closestKnown('anwsered', OUTCOME_VALUES)).toBe('answered');
    expect(closestKnown('outside-hours', OUTCOME_VALUES)).toBe('outside_hours');
    // Far from everything: no guess rather than a misleading one.
    expect(closestKnown('vip', OUTCOME_VALUES)).toBeNull();
  });
});

describe('the values routing compares', () => {
  test('every call and chat outcome, voicemail and unknown', () => {
    expect(OUTCOME_VALUES).toEqual([
      'abandoned_in_ivr',
      'ai_handled',
      'answered',
      'blocked',
      'failed',
      'ivr_only',
      'missed',
      'not_answered',
      'outside_hours',
      'timed_out',
      'transferred',
      'unknown',
      'voicemail',
    ]);
  });

  test('end statuses of calls and chats, as Tencent spells them', () => {
    for (const status of ['ok', 'waitingGiveUp', 'notWorkTime', 'autoFinished', 'unconnected'])
      expect(END_STATUS_VALUES).toContain(status);
  });

  test('the known values pass, one or a list', () => {
    const routes = parseRoutes(`rules:
  - match: { kind: [cdr, imcdr], direction: outbound, outcome: timed_out, endStatus: [ok, autoFinished] }
    channel: "#a"
`);
    expect(routes.rules[0]?.match).toEqual({
      kind: ['cdr', 'imcdr'],
      direction: 'outbound',
      outcome: ['timed_out'],
      endStatus: ['ok', 'autoFinished'],
    });
  });

  test('a value of the wrong type is named as such', () => {
    expect(problemsOf('rules:\n  - match: { outcome: 3, kind: { a: 1 } }\n    channel: "#a"\n')).toEqual([
      'routes.yaml:2: rules[0].match.kind: use one kind or a list of them (cdr, imcdr, voicemail)',
      expect.stringMatching(/^routes\.yaml:2: rules\[0\]\.match\.outcome: use one outcome or a list of them/),
    ]);
  });
});
