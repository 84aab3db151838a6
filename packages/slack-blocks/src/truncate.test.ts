import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { clipText, fitLines } from './truncate.ts';

describe('clipText', () => {
  test('keeps short text and clips long text with an ellipsis', () => {
    expect(clipText('hello', 5)).toBe('hello');
    expect(clipText('hello world', 8)).toBe('hello w…');
  });

  test('never cuts through an entity, a token or a surrogate pair', () => {
    expect(clipText('abc &amp; def', 7)).toBe('abc…');
    expect(clipText('see <https://x.test|the file> now', 12)).toBe('see…');
    expect(clipText('ab😀cd', 4)).toBe('ab…');
  });

  test('the result always fits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        expect(clipText(text, max).length).toBeLessThanOrEqual(Math.max(max, 1));
      }),
    );
  });
});

describe('fitLines', () => {
  const lines = Array.from({ length: 20 }, (_, i) => `event ${i}`);

  test('joins lines that fit', () => {
    expect(fitLines(['a', 'b'], { maxChars: 10, noun: 'events' })).toBe('a\nb');
  });

  test('drops whole lines and says how many, keeping the last ones asked for', () => {
    expect(fitLines(lines, { maxChars: 1000, maxLines: 3, noun: 'events', keepLast: 1 })).toBe(
      'event 0\nevent 1\n_… 17 more events_\nevent 19',
    );
    const byChars = fitLines(lines, { maxChars: 60, noun: 'events' });
    expect(byChars).toBe('event 0\nevent 1\nevent 2\nevent 3\nevent 4\n_… 15 more events_');
  });

  test('clips a single line longer than the budget', () => {
    expect(fitLines(['x'.repeat(50)], { maxChars: 10, noun: 'lines' })).toBe(`${'x'.repeat(9)}…`);
  });

  test('the result always fits the budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 80 }), { maxLength: 60 }),
        fc.integer({ min: 30, max: 500 }),
        fc.integer({ min: 0, max: 3 }),
        (input, maxChars, keepLast) => {
          expect(fitLines(input, { maxChars, noun: 'events', keepLast }).length).toBeLessThanOrEqual(
            maxChars,
          );
        },
      ),
    );
  });
});
