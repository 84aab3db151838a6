import { describe, expect, test } from 'vitest';
import { callbackUui, missedCallOfUui } from './callback-uui.ts';

describe('callback UUI', () => {
  test('round trip, within Tencent’s 1,024 bytes', () => {
    const uui = callbackUui('0cf5be1b-de75-4445-a0c4-8dff3fa4b68b');
    expect(Buffer.byteLength(uui)).toBeLessThanOrEqual(1024);
    expect(missedCallOfUui(uui)).toBe('0cf5be1b-de75-4445-a0c4-8dff3fa4b68b');
  });

  test('anything else is not a callback', () => {
    for (const uui of [
      null,
      undefined,
      '',
      'fooandbar',
      '{"ccc":"other","missed":"x"}',
      '{"ccc":"callback","missed":"<a>"}',
      '{',
      '[]',
      'null',
    ])
      expect(missedCallOfUui(uui)).toBeNull();
    expect(() => callbackUui('not an id!')).toThrow(TypeError);
  });
});
