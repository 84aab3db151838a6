import { safeParseCdrPush } from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { cdrTemplate, distinctCdrs, ID_MARKER } from './cdr.ts';

describe('benchmark CDRs', () => {
  test('the template is a ~3 KB valid CDR push with the id marker as SessionId', () => {
    const template = cdrTemplate();
    const size = Buffer.byteLength(template);
    expect(size).toBeGreaterThanOrEqual(2_800);
    expect(size).toBeLessThanOrEqual(3_300);
    expect(JSON.parse(template).SessionId).toBe(ID_MARKER);
    // The marker itself is not a valid SessionId (ids are A-Z a-z 0-9 _ . : -); what is sent in its place is.
    const parsed = safeParseCdrPush(JSON.parse(template.replace(ID_MARKER, 'bench-1')));
    expect(parsed.ok && parsed.value.SessionId).toBe('bench-1');
    expect(parsed.ok && parsed.value.ServeParticipants).toHaveLength(4);
  });

  test('distinct CDRs differ in SessionId and stay valid', () => {
    const cdrs = distinctCdrs(1024);
    const ids = cdrs.map((cdr) => (JSON.parse(cdr) as { SessionId: string }).SessionId);
    expect(new Set(ids).size).toBe(1024);
    expect(new Set(cdrs).size).toBe(1024);
    for (const cdr of cdrs.slice(0, 8)) expect(safeParseCdrPush(JSON.parse(cdr)).ok).toBe(true);
  });
});
