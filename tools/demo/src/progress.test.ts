import { describe, expect, test } from 'vitest';
import { createProgress } from './progress.ts';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (text: string) => chunks.push(text) } };
};

describe('createProgress', () => {
  test('without a terminal: a plain line at each quarter and at the end', () => {
    const { chunks, stream } = sink(false);
    const progress = createProgress('Pushing', 10, stream);
    for (let i = 0; i < 10; i++) progress.tick();
    progress.stop();
    expect(chunks).toEqual(['Pushing: 3/10\n', 'Pushing: 5/10\n', 'Pushing: 8/10\n', 'Pushing: 10/10\n']);
  });

  test('without a terminal: stop prints the count when the last quarter was not reached', () => {
    const { chunks, stream } = sink(false);
    const progress = createProgress('Pushing', 100, stream);
    progress.tick();
    progress.stop();
    expect(chunks).toEqual(['Pushing: 1/100\n']);
  });

  test('on a terminal: a bar that ends at the total', () => {
    const { chunks, stream } = sink(true);
    const progress = createProgress('Pushing', 4, stream);
    for (let i = 0; i < 4; i++) progress.tick();
    progress.stop();
    const output = chunks.join('');
    expect(output).toContain('Pushing [');
    expect(output).toContain('4/4 100%');
  });
});
