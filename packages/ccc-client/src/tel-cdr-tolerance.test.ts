import { listen, sendJson } from '@ccc-kit/sandbox';
import { describe, expect, test } from 'vitest';
import { clientAt } from './test-utils/ccc-sandbox.ts';

const row = (sessionId: string, extra: Record<string, unknown> = {}) => ({
  SessionId: sessionId,
  Caller: '008613912345678',
  Callee: '008640000000',
  Time: 1_700_000_000,
  ...extra,
});

/** A DescribeTelCdr page whose second row has a 100-character Caller (over the 64-character cap). */
const page = {
  Response: {
    TotalCount: 3,
    TelCdrList: [row('good-1'), row('odd', { Caller: '0'.repeat(100) }), row('good-2')],
    RequestId: 'req-odd',
  },
};

describe('an odd DescribeTelCdr row', () => {
  test('drops its odd field with one warning instead of failing the page', async () => {
    const server = await listen((_req, res) => sendJson(res, 200, page));
    const warnings: { message: string; fields: Readonly<Record<string, unknown>> }[] = [];
    try {
      const client = clientAt(server.url, {
        logger: { debug() {}, warn: (message, fields) => warnings.push({ message, fields }) },
      });
      const now = Math.floor(Date.now() / 1000);
      const rows = [];
      for await (const cdr of client.iterateTelCdrs({ startTimestamp: now - 3_600, endTimestamp: now }))
        rows.push(cdr);
      expect(rows.map((r) => [r.SessionId, r.Caller])).toEqual([
        ['good-1', '008613912345678'],
        ['odd', undefined],
        ['good-2', '008613912345678'],
      ]);
      expect(warnings).toEqual([
        {
          message: 'ccc response fields dropped',
          fields: {
            action: 'DescribeTelCdr',
            requestId: 'req-odd',
            dropped: 1,
            warnings: [expect.stringMatching(/^TelCdrList\.1\.Caller: Caller must be at most 64 characters/)],
          },
        },
      ]);
      // The warning names the field and the rule, never the value.
      expect(JSON.stringify(warnings)).not.toContain('0'.repeat(65));
    } finally {
      await server.close();
    }
  });
});
