import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type SafeParseResult,
  safeParseCdrPush,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseVoicemailPush,
} from '@ccc-kit/schemas';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import { describe, expect, test } from 'vitest';
import { DESK_TO_IM_END_STATUS } from './chat-plan.ts';
import { DOCUMENTED_CALLS, DOCUMENTED_CHATS } from './documented.ts';
import { generateDataset } from './generate.ts';

// apps/webhook/samples: ready-to-send pushes (pnpm sandbox push --file, curl). Each is a documented sample
// of Tencent's, pretty-printed, and the sandbox's generated day has its session.
const SAMPLES = fileURLToPath(new URL('../../../../apps/webhook/samples/', import.meta.url));
const read = (name: string): { text: string; json: unknown } => {
  const text = readFileSync(`${SAMPLES}${name}`, 'utf8');
  return { text, json: JSON.parse(text) };
};

interface DeskRow {
  SessionId: string;
  AgentGroupId: string;
  AgentGroupName: string;
  AgentId: string;
  ClientUserId: string;
  ClientUserNickName: string;
  Duration: number;
  EndStatus: keyof typeof DESK_TO_IM_END_STATUS;
  Timestamp: number;
}

/**
 * Tencent documents no IM CDR push sample: imcdr.json is the documented describe_im_cdr_list row (English
 * page, repaired) in the push's fields, the same mapping the generator uses (Timestamp is the start,
 * Duration runs to the end, EndStatus reads as DESK_TO_IM_END_STATUS says); nothing else is invented.
 */
function imCdrPushOf(row: DeskRow): Record<string, unknown> {
  return {
    SessionId: row.SessionId,
    StartTimestamp: row.Timestamp,
    EndedTimestamp: row.Timestamp + row.Duration,
    Duration: row.Duration,
    QueuedSkillGroupId: Number(row.AgentGroupId),
    QueuedSkillGroupName: row.AgentGroupName,
    EndStatusString: DESK_TO_IM_END_STATUS[row.EndStatus],
    UserId: row.ClientUserId,
    UserNickName: row.ClientUserNickName,
    SeatUser: { Mail: row.AgentId, UserId: row.AgentId },
  };
}

const deskRow = (JSON.parse(repairedSamples.deskImCdrListResponseEnglish) as { IMCdrList: DeskRow[] })
  .IMCdrList[0] as DeskRow;

const FILES: readonly [string, unknown, (body: unknown) => SafeParseResult<unknown>][] = [
  ['cdr.json', JSON.parse(repairedSamples.cdrPushSeed), safeParseCdrPush],
  ['cdr-legacy.json', JSON.parse(repairedSamples.cdrPushLegacy), safeParseCdrPush],
  ['record.json', JSON.parse(samples.recordPush), safeParseRecordPush],
  ['voicemail.json', JSON.parse(samples.voicemailPush), safeParseVoicemailPush],
  ['imcdr.json', imCdrPushOf(deskRow), safeParseImCdrPush],
];

describe.each(FILES)('apps/webhook/samples/%s', (name, fixture, parse) => {
  const { text, json } = read(name);

  test('is the documented sample it came from, pretty-printed (one field a line, as biome formats JSON)', () => {
    expect(json).toEqual(fixture);
    expect(text.split('\n').length).toBeGreaterThan(Object.keys(fixture as object).length);
    expect(text).toMatch(/^\{\n {2}"/);
  });

  test('parses with the matching @ccc-kit/schemas push parser', () => {
    const parsed = parse(json);
    if (!parsed.ok) expect.fail(JSON.stringify(parsed.issues));
  });

  test("names a session of the sandbox's day (with its documented sessions)", () => {
    const dataset = generateDataset({
      seed: 1,
      start: Date.UTC(2025, 2, 1) / 1000,
      documentedSessions: true,
    });
    const sessions = [...dataset.calls, ...dataset.chats].map((session) => session.sessionId);
    expect(sessions).toContain((json as { SessionId: string }).SessionId);
  });
});

describe('documented sessions in the generated day', () => {
  const start = Date.UTC(2025, 2, 1) / 1000;
  const plain = generateDataset({ seed: 5, start });
  const withDocumented = generateDataset({ seed: 5, start, documentedSessions: true });

  test('are added on top, changing nothing else', () => {
    const ids = new Set([...DOCUMENTED_CALLS, ...DOCUMENTED_CHATS].map((session) => session.sessionId));
    expect(withDocumented.calls.filter((c) => !ids.has(c.sessionId))).toEqual(plain.calls);
    expect(withDocumented.chats.filter((c) => !ids.has(c.sessionId))).toEqual(plain.chats);
    expect(withDocumented.calls).toHaveLength(plain.calls.length + DOCUMENTED_CALLS.length);
  });

  test('keep the direction and outcome of their sample, inside the day', () => {
    for (const documented of DOCUMENTED_CALLS) {
      const call = withDocumented.calls.find((c) => c.sessionId === documented.sessionId);
      expect(call?.push.EndStatusString).toBe(documented.plan.status);
      expect(call?.push.Direction).toBe(1);
      expect(call?.push.StartTimestamp).toBeGreaterThanOrEqual(start);
      expect(call?.push.StartTimestamp).toBeLessThan(start + 86_400);
    }
    const chat = withDocumented.chats.find((c) => c.sessionId === deskRow.SessionId);
    expect(chat?.imCdr).toMatchObject({ EndStatus: deskRow.EndStatus, ClientUserId: deskRow.ClientUserId });
  });
});
