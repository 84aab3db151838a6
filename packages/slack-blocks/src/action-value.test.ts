import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ActionValue, decodeActionValue, encodeActionValue } from './action-value.ts';
import { isSlackBlocksError } from './errors.ts';

const call = {
  v: 1,
  sessionId: '0f507d5d-e1e4-436e-a655-1d6c75a79b4f',
  start: 1756892000,
  end: 1756893000,
} as const;
const more = {
  v: 1,
  offset: 10,
  limit: 10,
  start: 1730390400,
  end: 1730476799,
  filter: '1299314544',
} as const;

describe('encodeActionValue / decodeActionValue', () => {
  test('round-trips both shapes as compact JSON', () => {
    expect(encodeActionValue(call)).toBe(
      '{"v":1,"sessionId":"0f507d5d-e1e4-436e-a655-1d6c75a79b4f","start":1756892000,"end":1756893000}',
    );
    expect(decodeActionValue(encodeActionValue(call))).toEqual({ ok: true, value: call });
    expect(decodeActionValue(encodeActionValue(more))).toEqual({ ok: true, value: more });
  });

  test("a participant's recording carries its RecordId; a RecordId that is not an identifier is refused", () => {
    const withRecord = { ...call, recordId: '1608130650' };
    expect(decodeActionValue(encodeActionValue(withRecord))).toEqual({ ok: true, value: withRecord });
    expect(decodeActionValue(JSON.stringify({ ...call, recordId: 'a b' })).ok).toBe(false);
    expect(decodeActionValue(JSON.stringify({ ...call, recordId: '' })).ok).toBe(false);
  });

  test('round-trips any valid value', () => {
    const value = fc.record({
      v: fc.constant(1 as const),
      sessionId: fc.stringMatching(/^[\w.:-]{1,128}$/),
      start: fc.integer({ min: 0, max: 4_000_000_000 }),
      end: fc.integer({ min: 0, max: 86_400 }),
    });
    fc.assert(
      fc.property(value, (raw) => {
        const v: ActionValue = { ...raw, end: raw.start + raw.end };
        expect(decodeActionValue(encodeActionValue(v))).toEqual({ ok: true, value: v });
      }),
    );
  });

  test.each([
    ['not a string', 42],
    ['empty', ''],
    ['not JSON', '{v:1'],
    ['JSON null', 'null'],
    ['an array', '[1]'],
    ['an extra key', JSON.stringify({ ...call, admin: true })],
    ['a __proto__ key', '{"v":1,"sessionId":"a","start":1,"end":2,"__proto__":{"x":1}}'],
    ['another version', JSON.stringify({ ...call, v: 2 })],
    ['a session id with markup', JSON.stringify({ ...call, sessionId: '<!channel>' })],
    ['a fractional time', JSON.stringify({ ...call, start: 1.5 })],
    ['an inverted window', JSON.stringify({ ...call, start: call.end + 1 })],
    ['a window of 90 days or more', JSON.stringify({ ...call, end: call.start + 90 * 86_400 })],
    ['a page size over 100', JSON.stringify({ ...more, limit: 1000 })],
    ['too long', JSON.stringify({ ...more, filter: 'x'.repeat(2100) })],
  ])('refuses %s without throwing', (_, raw) => {
    const result = decodeActionValue(raw);
    expect(result.ok).toBe(false);
  });

  test('arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        expect(typeof decodeActionValue(raw).ok).toBe('boolean');
      }),
    );
  });

  test('encoding past 2,000 characters throws slack_blocks_value_too_long', () => {
    let caught: unknown;
    try {
      encodeActionValue({ ...more, filter: 'x'.repeat(2000) });
    } catch (error) {
      caught = error;
    }
    expect(isSlackBlocksError(caught) && caught.code).toBe('slack_blocks_value_too_long');
  });
});
