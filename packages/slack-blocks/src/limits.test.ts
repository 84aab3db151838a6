import { validateMessage } from '@ccc-kit/sandbox/slack';
import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { actions, button, context, divider, fields, header, section } from './blocks.ts';
import { countBlocksText, fitToLimits, LIMITS } from './limits.ts';

const fit = (blocks: KnownBlock[], text = 'fallback') => fitToLimits({ text, blocks });

describe('fitToLimits', () => {
  test('sets the fallback text and turns unfurls off on every message', () => {
    expect(fit([], '  ')).toEqual({ text: 'Message', blocks: [], unfurl_links: false, unfurl_media: false });
    expect(fit([], 'a\n b').text).toBe('a b');
    expect(fit([], 'x'.repeat(5000)).text).toHaveLength(LIMITS.fallbackText);
  });

  test('clips a header to 150 characters', () => {
    const [block] = fit([header('h'.repeat(400))]).blocks;
    expect(block?.type === 'header' && block.text.text).toBe(`${'h'.repeat(149)}…`);
  });

  test('clips section text at a line boundary, saying how many lines were left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const [block] = fit([section(lines.join('\n'))]).blocks;
    const text = block?.type === 'section' ? (block.text?.text ?? '') : '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/\n_… \d+ more lines_$/);
    expect(text.split('\n').at(-2)).toMatch(/^line \d+ x+$/);
  });

  test('clips fields to 2,000 characters and folds fields past 10 into a note', () => {
    const many = Array.from({ length: 14 }, (_, i) => [`F${i}`, 'v'.repeat(i === 0 ? 2500 : 5)] as const);
    const [block] = fit([fields(many)]).blocks;
    const out = block?.type === 'section' ? (block.fields ?? []) : [];
    expect(out).toHaveLength(10);
    expect(out[0]?.text.length).toBe(2000);
    expect(out[9]?.text).toBe('_… 5 more fields_');
  });

  test('folds context elements past 10 into a note', () => {
    const [block] = fit([context(Array.from({ length: 12 }, (_, i) => `c${i}`))]).blocks;
    const texts = block?.type === 'context' ? block.elements.map((e) => ('text' in e ? e.text : '')) : [];
    expect(texts).toHaveLength(10);
    expect(texts.at(-1)).toBe('_… 3 more items_');
  });

  test('keeps the final actions block when blocks past 50 are dropped', () => {
    const blocks = [
      ...Array.from({ length: 70 }, (_, i) => section(`s${i}`)),
      actions([button('More', 'a', '{}')]),
    ];
    const out = fit(blocks).blocks;
    expect(out).toHaveLength(50);
    expect(out.at(-1)?.type).toBe('actions');
    const note = out.at(-2);
    expect(note?.type === 'context' && note.elements[0]).toMatchObject({
      text: '_… 22 more blocks not shown_',
    });
  });

  test('stays within the total text budget by shrinking the longest sections first', () => {
    const blocks = Array.from({ length: 6 }, (_, i) => section(`${i}\n${'y'.repeat(2900)}`));
    const out = fit(blocks).blocks;
    expect(countBlocksText(out)).toBeLessThanOrEqual(LIMITS.totalText);
    expect(out).toHaveLength(6);
  });

  test('drops empty blocks, empty fields and buttons Slack would reject', () => {
    const blocks: KnownBlock[] = [
      header(''),
      section(''),
      fields([['Empty', undefined]]),
      { type: 'section', text: { type: 'mrkdwn', text: '' }, fields: [{ type: 'mrkdwn', text: 'kept' }] },
      context(['']),
      actions([button('Too long', 'a', 'v'.repeat(2001)), button('', 'b', '1')]),
      divider(),
    ];
    expect(fit(blocks).blocks).toEqual([
      { type: 'section', fields: [{ type: 'mrkdwn', text: 'kept' }] },
      { type: 'divider' },
    ]);
  });

  test('any draft comes out accepted by the Slack emulator', () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 2000, maxLength: 6000 }));
    const block: fc.Arbitrary<KnownBlock> = fc.oneof(
      text.map(header),
      text.map(section),
      fc.array(fc.tuple(fc.string({ maxLength: 8 }), text), { maxLength: 14 }).map(fields),
      fc.array(text, { minLength: 1, maxLength: 14 }).map(context),
      fc.constant(divider()),
      fc
        .array(fc.tuple(text, fc.string({ maxLength: 2100 })), { minLength: 1, maxLength: 30 })
        .map((bs) => actions(bs.map(([t, v], i) => button(t, `a${i}`, v || 'x')))),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 70 }), text, (blocks, fallback) => {
        expect(validateMessage(fit(blocks, fallback))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
