import { describe, expect, test } from 'vitest';
import { generateDataset } from './generate.ts';
import type { CallFixture } from './types.ts';

// What the Slack bot's Recording and Play voicemail buttons rely on: a `record` push's RecordId leads,
// through a fresh DescribeSessionDetail, to that participant's own link.

const calls = [1, 31, 8080].flatMap(
  (seed) => generateDataset({ seed, start: Date.UTC(2025, 3, 1) / 1000, calls: 40 }).calls,
);

/** The link DescribeSessionDetail gives for a `record` push: its agent leg's, else the call's own. */
function linkOf(call: CallFixture, recordId: string): string | undefined {
  const leg = call.detail.ServeParticipants.find((p) => p.RecordId === recordId);
  if (leg) return leg.RecordURL || leg.CustomRecordURL || undefined;
  return recordId === call.telCdr.RecordId ? call.detail.RecordURL || undefined : undefined;
}

describe('recording and voicemail links of the detail', () => {
  test('every record push resolves to its own link: agent legs by RecordId, the customer as the main one', () => {
    for (const call of calls) {
      const links = call.records.map((r) => linkOf(call, r.RecordId));
      expect(links.every(Boolean), call.sessionId).toBe(true);
      expect(new Set(links).size, call.sessionId).toBe(links.length);
      for (const record of call.records.filter((r) => r.RecordId === call.telCdr.RecordId))
        expect(call.detail.ServeParticipants.map((p) => p.RecordId)).not.toContain(record.RecordId);
    }
  });

  test('calls with three recordings (customer and two agents) exist in every seed', () => {
    expect(calls.filter((c) => c.records.length >= 3).length).toBeGreaterThanOrEqual(3);
  });

  test('a voicemail push comes with VoicemailRecordURL in the detail; no push, no link', () => {
    for (const call of calls)
      expect(call.detail.VoicemailRecordURL, call.sessionId).toEqual(
        call.voicemail ? [call.voicemail.RecordURL] : [],
      );
    expect(calls.some((c) => c.voicemail)).toBe(true);
  });
});
