import { describe, expect, test } from 'vitest';
import { isResult } from './api-context.ts';
import { type PageRequest, parsePageRequest, tsMicros } from './paging.ts';

const HISTORY = { defaultLimit: 100, max: 999 };

function request(params: Record<string, unknown>, maxLimit = 999): PageRequest {
  const parsed = parsePageRequest(params, HISTORY, maxLimit);
  if (isResult(parsed)) throw new Error(`refused: ${JSON.stringify(parsed.body)}`);
  return parsed;
}

describe('tsMicros', () => {
  test('reads Slack ts, whole seconds and short fractions; refuses anything else', () => {
    expect(tsMicros('1700000000.000100')).toBe(1_700_000_000_000_100n);
    expect(tsMicros('1700000000')).toBe(1_700_000_000_000_000n);
    expect(tsMicros('1700000000.5')).toBe(1_700_000_000_500_000n);
    expect(tsMicros('0')).toBe(0n);
    expect(tsMicros('-1')).toBeUndefined();
    expect(tsMicros('now')).toBeUndefined();
  });
});

describe('parsePageRequest', () => {
  test('limit: default when absent or not a positive integer, cut to the method max and the tier', () => {
    expect(request({}).limit).toBe(100);
    expect(request({ limit: '0' }).limit).toBe(100);
    expect(request({ limit: 'ten' }).limit).toBe(100);
    expect(request({ limit: '5000' }).limit).toBe(999);
    expect(request({ limit: 100 }, 15).limit).toBe(15);
    expect(request({}, 15).limit).toBe(15);
  });

  test('flags arrive as form strings', () => {
    expect(request({ inclusive: 'true', include_all_metadata: '1' })).toMatchObject({
      inclusive: true,
      includeMetadata: true,
    });
    expect(request({ inclusive: 'false' })).toMatchObject({ inclusive: false, includeMetadata: false });
  });

  test('bad bounds and foreign cursors are refused with Slack’s error names', () => {
    const error = (params: Record<string, unknown>) => {
      const parsed = parsePageRequest(params, HISTORY, 999);
      return isResult(parsed) ? parsed.body.error : undefined;
    };
    expect(error({ oldest: 'x' })).toBe('invalid_ts_oldest');
    expect(error({ latest: '1.2.3' })).toBe('invalid_ts_latest');
    expect(error({ cursor: 'not-a-cursor' })).toBe('invalid_cursor');
    expect(error({ cursor: Buffer.from('next_ts:12.000001').toString('base64') })).toBeUndefined();
  });
});
