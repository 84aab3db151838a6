import { describe, expect, test } from 'vitest';
import { groupRows } from './group-rows.ts';

const group = (name: string, p90Seconds: number | null, answered?: number) =>
  answered === undefined ? { name, p90Seconds } : { name, p90Seconds, answered };

describe('groupRows', () => {
  test('orders by answered calls, busiest first, then by name', () => {
    const rows = groupRows([group('b', 1, 5), group('a', 2, 5), group('c', 3, 9)], 10);
    expect(rows.map((row) => row.label)).toEqual(['c', 'a', 'b']);
  });

  test("keeps the caller's order when a group has no answered count", () => {
    const rows = groupRows([group('b', 1, 5), group('a', 2)], 10);
    expect(rows.map((row) => row.label)).toEqual(['b', 'a']);
  });

  test('sums up the rest as "Other (k groups)" with their worst p90', () => {
    const groups = [
      group('a', 10, 9),
      group('b', 20, 8),
      group('c', 50, 7),
      group('d', null, 6),
      group('e', 5, 5),
    ];
    expect(groupRows(groups, 2)).toEqual([
      { label: 'a', p90Seconds: 10, isOther: false },
      { label: 'b', p90Seconds: 20, isOther: false },
      { label: 'Other (3 groups)', p90Seconds: 50, isOther: true },
    ]);
  });

  test('shows one group too many rather than an "Other" row of one', () => {
    const rows = groupRows([group('a', 1, 3), group('b', 2, 2), group('c', 3, 1)], 2);
    expect(rows.map((row) => row.label)).toEqual(['a', 'b', 'c']);
  });

  test('gives "Other" no wait when none of its groups answered', () => {
    const rows = groupRows([group('a', 1, 3), group('b', null, 2), group('c', null, 1)], 1);
    expect(rows.at(-1)).toEqual({ label: 'Other (2 groups)', p90Seconds: null, isOther: true });
  });

  test('cuts long names and names a nameless group', () => {
    const rows = groupRows([group('技术支持组（华东区）夜间值班与紧急故障处理', 1), group(' ', 2)], 10);
    expect(rows.map((row) => row.label)).toEqual(['技术支持组（华东区）夜…', '(no name)']);
  });
});
