import { describe, expect, test } from 'vitest';
import { countBlocksText, type MessageProblem, validateBlocks } from './block-kit.ts';
import { rejectionFor, validateMessage } from './message-rules.ts';

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (i: number) => ({ type: 'button', text: plain(`b${i}`), action_id: `a${i}` });

const pointers = (problems: MessageProblem[]) => problems.map((p) => `${p.error} ${p.pointer}: ${p.message}`);

describe('validateBlocks', () => {
  test('accepts a typical call card', () => {
    const blocks = [
      { type: 'header', text: plain('Call ended') },
      { type: 'section', fields: [mrkdwn('*Agent*\nAna'), mrkdwn('*Queue*\nSales')], block_id: 'facts' },
      { type: 'context', elements: [mrkdwn('<!date^1700000000^{date_short}|2023-11-14>')] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { ...button(1), style: 'primary' },
          { ...button(2), url: 'https://x.test' },
        ],
      },
    ];
    expect(validateBlocks(blocks)).toEqual([]);
  });

  test('enforces per-block limits at their exact boundaries', () => {
    expect(validateBlocks([section('x'.repeat(3000))])).toEqual([]);
    expect(pointers(validateBlocks([section('x'.repeat(3001))]))).toEqual([
      'invalid_blocks /blocks/0/text/text: must be less than 3001 characters',
    ]);
    expect(pointers(validateBlocks([{ type: 'header', text: plain('h'.repeat(151)) }]))).toEqual([
      'invalid_blocks /blocks/0/text/text: must be less than 151 characters',
    ]);
    const fields = Array.from({ length: 11 }, () => mrkdwn('f'));
    expect(pointers(validateBlocks([{ type: 'section', fields }]))).toEqual([
      'invalid_blocks /blocks/0/fields: no more than 10 items allowed',
    ]);
    expect(pointers(validateBlocks([{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }]))).toEqual([
      'invalid_blocks /blocks/0/fields/0/text: must be less than 2001 characters',
    ]);
    const context = { type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) };
    expect(pointers(validateBlocks([context]))).toEqual([
      'invalid_blocks /blocks/0/elements: no more than 10 items allowed',
    ]);
    const actions = { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(i)) };
    expect(pointers(validateBlocks([actions]))).toEqual([
      'invalid_blocks /blocks/0/elements: no more than 25 items allowed',
    ]);
    expect(pointers(validateBlocks([{ type: 'divider', block_id: 'b'.repeat(256) }]))).toEqual([
      'invalid_blocks /blocks/0/block_id: must be less than 256 characters',
    ]);
  });

  test('allows 50 blocks and refuses 51', () => {
    expect(validateBlocks(Array.from({ length: 50 }, () => ({ type: 'divider' })))).toEqual([]);
    expect(pointers(validateBlocks(Array.from({ length: 51 }, () => ({ type: 'divider' }))))).toEqual([
      'invalid_blocks /blocks: no more than 50 items allowed',
    ]);
  });

  test('reports structural problems', () => {
    expect(
      pointers(
        validateBlocks([
          { type: 'header', text: mrkdwn('not plain') },
          { type: 'sektion' },
          { text: plain('no type') },
          { type: 'section' },
          { type: 'divider', block_id: 'same' },
          { type: 'divider', block_id: 'same' },
          { type: 'actions', elements: [{ type: 'button', text: plain('go'), style: 'loud' }] },
        ]),
      ),
    ).toEqual([
      'invalid_blocks /blocks/0/text/type: must be one of: plain_text',
      'invalid_blocks /blocks/1/type: unsupported type: sektion',
      'invalid_blocks /blocks/2: missing required field: type',
      'invalid_blocks /blocks/3: must provide either text or fields',
      'invalid_blocks /blocks/5/block_id: duplicate block_id: same',
      'invalid_blocks /blocks/6/elements/0/style: must be one of: primary, danger',
    ]);
    expect(pointers(validateBlocks('[{"type":"divider"}]'))).toEqual([
      'invalid_blocks_format /blocks: must provide an array',
    ]);
  });

  test('counts text across blocks against the hidden 12,000-character budget', () => {
    const four = Array.from({ length: 4 }, () => section('y'.repeat(3000)));
    expect(countBlocksText(four)).toBe(12_000);
    expect(validateBlocks(four)).toEqual([]);
    const over = [...four, { type: 'context', elements: [plain('z')] }];
    expect(validateBlocks(over).map((p) => p.error)).toEqual(['msg_blocks_too_long']);
  });
});

describe('validateMessage', () => {
  test('needs text, blocks or attachments', () => {
    expect(validateMessage({}).map((p) => p.error)).toEqual(['no_text']);
    expect(validateMessage({ text: '' }).map((p) => p.error)).toEqual(['no_text']);
    expect(validateMessage({ blocks: [section('only blocks')] })).toEqual([]);
  });

  test('refuses text over 40,000 characters', () => {
    expect(validateMessage({ text: 'x'.repeat(40_000) })).toEqual([]);
    expect(validateMessage({ text: 'x'.repeat(40_001) }).map((p) => p.error)).toEqual(['msg_too_long']);
  });

  test('refuses markdown_text combined with text', () => {
    expect(validateMessage({ text: 'a', markdown_text: '**b**' }).map((p) => p.error)).toEqual([
      'markdown_text_conflict',
    ]);
  });

  test('rejectionFor picks the structural error first and words messages like Slack', () => {
    const problems = validateMessage({ text: 'x'.repeat(40_001), blocks: [section('y'.repeat(3001))] });
    expect(rejectionFor(problems)).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    expect(rejectionFor([])).toBeUndefined();
  });
});
