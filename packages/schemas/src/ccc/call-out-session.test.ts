import { describe, expect, test } from 'vitest';
import {
  CreateCallOutSessionRequest,
  parseCreateCallOutSessionResponse,
  safeParseCreateCallOutSessionResponse,
  safeParseWith,
} from '../index.ts';

describe('CreateCallOutSession', () => {
  test("Tencent's sample request (IsForceUseMobile as a boolean) and response parse", () => {
    const request = {
      IsForceUseMobile: true,
      Callee: '008612300000000',
      UUI: 'fooandbar',
      UserId: 'FooOrBar@tencent.com',
      SdkAppId: 1400000000,
    };
    expect(safeParseWith(CreateCallOutSessionRequest, request)).toEqual({ ok: true, value: request });
    const response = {
      RequestId: '6bb56a09-2787-40bc-80c5-dc6dab783eff',
      SessionId: '6bb56a09278740bc80c5dc6dab783eff',
    };
    expect(parseCreateCallOutSessionResponse(response)).toEqual(response);
  });

  test('a response without a usable SessionId is refused, naming the field', () => {
    for (const SessionId of [undefined, '', 'a b', 'x'.repeat(129)]) {
      const result = safeParseCreateCallOutSessionResponse({ RequestId: 'r', SessionId });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.path).toBe('SessionId');
    }
  });
});
