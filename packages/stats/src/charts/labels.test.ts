import { describe, expect, test } from 'vitest';
import { durationAxis, formatSeconds, MAX_LABEL_COLUMNS, truncateLabel } from './labels.ts';

describe('truncateLabel', () => {
  test('keeps a name that fits', () => {
    expect(truncateLabel('售后服务组')).toBe('售后服务组');
    expect(truncateLabel('x'.repeat(MAX_LABEL_COLUMNS))).toBe('x'.repeat(MAX_LABEL_COLUMNS));
  });

  test('counts a CJK character as two columns and keeps one for the ellipsis', () => {
    expect(truncateLabel('售后服务组（华东区）夜间值班', 16)).toBe('售后服务组（华…');
    expect(truncateLabel('abcdefghij', 6)).toBe('abcde…');
  });

  test('never splits a surrogate pair', () => {
    expect(truncateLabel('𠀀𠀀𠀀𠀀', 6)).toBe('𠀀𠀀…');
  });

  test('flattens line breaks, tabs and control characters', () => {
    expect(truncateLabel(' Sales\n\tEast\u0007 ')).toBe('Sales East');
  });

  test('does not end a cut name with a space', () => {
    expect(truncateLabel('Sales team of the east', 7)).toBe('Sales…');
  });
});

describe('formatSeconds', () => {
  test.each([
    [0, '0s'],
    [12.4, '12s'],
    [59.6, '1m'],
    [125, '2m 05s'],
    [3599, '59m 59s'],
    [3600, '1h'],
    [3780, '1h 03m'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe('durationAxis', () => {
  test.each([
    [0, { min: 0, max: 1, interval: 1 }],
    [75.4, { min: 0, max: 90, interval: 15 }],
    [100, { min: 0, max: 100, interval: 20 }],
    [200, { min: 0, max: 240, interval: 60 }],
    [5000, { min: 0, max: 5400, interval: 900 }],
  ])('up to %d s', (max, axis) => {
    expect(durationAxis(max)).toEqual(axis);
  });
});
