import {
  type SafeParseResult,
  safeParseCdrPush,
  safeParseDescribeChatMessagesResponse,
  safeParseDescribeImCdrListResponse,
  safeParseDescribeSessionDetailResponse,
  safeParseDescribeTelCdrResponse,
  safeParseDescribeTelRecordAsrResponse,
  safeParseDescribeTelSessionResponse,
  safeParseGetSessionStateResponse,
  safeParseImCdrPush,
  safeParseRecordPush,
  safeParseVoicemailPush,
} from '@ccc-kit/schemas';
import { describe, expect, test } from 'vitest';
import { isSandboxError } from '../errors.ts';
import { DEFAULT_AGENTS } from './catalog.ts';
import { generateDataset } from './generate.ts';

const START = Date.UTC(2025, 2, 1) / 1000;
const dataset = generateDataset({ seed: 20250301, start: START });

const DESK_OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const API = { RequestId: 'req-1' };

/** Parses and expects the parsed value to equal the input: fixtures are already in parsed form. */
function expectRoundTrip<T>(result: SafeParseResult<T>, input: unknown): void {
  if (!result.ok) expect.fail(JSON.stringify(result.issues.slice(0, 3)));
  expect(result.value).toEqual(input);
}

describe('generateDataset determinism', () => {
  test('the same seed gives byte-identical output', () => {
    const again = generateDataset({ seed: 20250301, start: new Date(START * 1000) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
  });

  test('another seed gives other data with the same shape', () => {
    const other = generateDataset({ seed: 20250302, start: START });
    expect(other.calls).toHaveLength(dataset.calls.length);
    expect(other.calls.map((c) => c.sessionId)).not.toEqual(dataset.calls.map((c) => c.sessionId));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(dataset));
  });

  test('counts, defaults and the time range', () => {
    expect(dataset).toMatchObject({ seed: 20250301, sdkAppId: 1_400_000_000 });
    expect(dataset.calls).toHaveLength(40);
    expect(dataset.chats).toHaveLength(12 + 4);
    for (const call of dataset.calls) {
      expect(call.telCdr.Time).toBeGreaterThanOrEqual(START);
      expect(call.telCdr.Time).toBeLessThan(START + 86_400);
    }
    const small = generateDataset({
      seed: 1,
      start: START,
      end: START + 3600,
      calls: 3,
      chats: 2,
      liveChats: 0,
    });
    expect([small.calls.length, small.chats.length]).toEqual([3, 2]);
  });

  test('carries the agents, skill groups and company numbers it was generated with', () => {
    expect(dataset.agents).toBe(DEFAULT_AGENTS);
    expect(dataset.skillGroups.map((g) => g.name)).toEqual(['Sales', 'Support', 'Billing']);
    const outbound = dataset.calls.filter((c) => c.telCdr.Direction === 1 && c.telCdr.CallType === 1);
    expect(outbound.length).toBeGreaterThan(0);
    for (const call of outbound) expect(call.telCdr.Caller).toBe(dataset.lines.outbound);
    expect(dataset.lines.hotline).toMatch(/^0086400\d{7}$/);
  });

  test('the chats do not change the calls (independent streams)', () => {
    const fewerChats = generateDataset({ seed: 20250301, start: START, chats: 0, liveChats: 0 });
    expect(fewerChats.calls).toEqual(dataset.calls);
  });

  test.each([
    [{ seed: 1.5 }, /seed/],
    [{ calls: -1 }, /calls/],
    [{ end: START }, /end must be after start/],
    [{ agents: DEFAULT_AGENTS.slice(0, 1) }, /two agents/],
    [
      { agents: [...DEFAULT_AGENTS, { ...DEFAULT_AGENTS[0], mail: 'x@example.com', skillGroups: ['Nope'] }] },
      /unknown skill group "Nope"/,
    ],
    [{ skillGroups: [] }, /skillGroups/],
  ])('invalid options throw sandbox_invalid_options (%#)', (bad, message) => {
    try {
      generateDataset({ seed: 1, start: START, ...bad } as Parameters<typeof generateDataset>[0]);
      expect.fail('should have thrown');
    } catch (error) {
      expect(isSandboxError(error) && error.code).toBe('sandbox_invalid_options');
      expect(String(error)).toMatch(message);
    }
  });
});

describe('every payload passes the schemas and is already in parsed form', () => {
  test('calls: DescribeTelCdr row, detail, ASR, session, CDR push, recordings, voicemail', () => {
    for (const call of dataset.calls) {
      const rows = safeParseDescribeTelCdrResponse({
        TotalCount: 1,
        TelCdrList: [call.telCdr],
        TelCdrs: [call.telCdr],
        ...API,
      });
      expectRoundTrip(rows, { TotalCount: 1, TelCdrList: [call.telCdr], TelCdrs: [call.telCdr], ...API });
      expectRoundTrip(safeParseDescribeSessionDetailResponse({ ...call.detail, ...API }), {
        ...call.detail,
        ...API,
      });
      const asr = { AsrDataList: call.asr ?? [], ...API };
      expectRoundTrip(safeParseDescribeTelRecordAsrResponse(asr), asr);
      const session = { Session: call.telSession, ...API };
      expectRoundTrip(safeParseDescribeTelSessionResponse(session), session);
      expectRoundTrip(safeParseCdrPush(call.push), call.push);
      for (const record of call.records) expectRoundTrip(safeParseRecordPush(record), record);
      if (call.voicemail) expectRoundTrip(safeParseVoicemailPush(call.voicemail), call.voicemail);
    }
  });

  test('chats: im cdr row, messages, session state, IM CDR push', () => {
    for (const chat of dataset.chats) {
      const list = { ...DESK_OK, TotalCount: 1, IMCdrList: [chat.imCdr] };
      expectRoundTrip(safeParseDescribeImCdrListResponse(list), list);
      const page = { ...DESK_OK, TotalCount: chat.messages.length, Messages: chat.messages };
      expectRoundTrip(safeParseDescribeChatMessagesResponse(page), page);
      const state = { ...DESK_OK, SessionId: chat.sessionId, ...chat.state };
      expectRoundTrip(safeParseGetSessionStateResponse(state), state);
      expectRoundTrip(safeParseImCdrPush(chat.push), chat.push);
    }
  });

  test('payloads survive JSON (what the emulators and the pusher send)', () => {
    expect(JSON.parse(JSON.stringify(dataset))).toEqual(dataset);
  });
});
