import { describe, expect, test } from 'vitest';
import { parseCommand, USAGE } from './parse.ts';
import { backendsOf, planCommand } from './plan.ts';

const NOW_MS = Date.UTC(2024, 10, 15, 12, 0, 0); // 2024-11-15T12:00:00Z
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const SID = 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d';
const BOTH = { ccc: true, desk: true } as const;
const plan = (text: string, configured: { ccc: boolean; desk: boolean } = BOTH) =>
  planCommand(parseCommand(text), configured, NOW_MS);

describe('planCommand: answers given at once', () => {
  test('help: the usage, ephemeral', () => {
    expect(plan('help')).toEqual({ reply: { response_type: 'ephemeral', text: USAGE } });
  });

  test.each([
    ['transfer 123', 'Unknown subcommand `transfer`.'],
    [
      `call ${SID} --since 200d`,
      '`--since 200d` is more than 180 days ago; Tencent keeps call details for 180 days.',
    ],
    [`call ${SID} --since 2024-12-01`, '`--since 2024-12-01` is in the future.'],
    ['sessions --since 2024-12-01', '`--since 2024-12-01` is in the future.'],
  ])('%j: the problem, then the usage', (text, problem) => {
    expect(plan(text)).toEqual({ reply: { response_type: 'ephemeral', text: `${problem}\n\n${USAGE}` } });
  });

  test.each([
    [`call ${SID}`, { ccc: false, desk: true }, 'call'],
    [`state ${SID}`, { ccc: true, desk: false }, 'chat'],
    ['sessions', { ccc: true, desk: false }, 'chat'],
    [`transcript ${SID}`, { ccc: false, desk: false }, 'chat'],
  ])('%j without its backend: "not configured", before any lookup', (text, configured, backend) => {
    expect(plan(text, configured)).toEqual({
      reply: {
        response_type: 'ephemeral',
        text: `The ${backend} lookup is not configured on this workspace.`,
      },
    });
  });

  test('a problem in the command wins over a backend that is not configured', () => {
    expect(plan('call', { ccc: false, desk: false })).toEqual({
      reply: { response_type: 'ephemeral', text: `Missing the SessionId.\n\n${USAGE}` },
    });
  });
});

describe('planCommand: lookups to run after the ack', () => {
  test('state, by session or by customer: the query as typed', () => {
    expect(plan(`state ${SID}`)).toEqual({
      request: { kind: 'state', query: { sessionId: SID } },
      what: 'the chat',
    });
    expect(plan('state user 1299314544 @cs')).toEqual({
      request: { kind: 'state', query: { clientUserId: '1299314544', customerServiceId: '@cs' } },
      what: 'the chat',
    });
  });

  test('transcript: either backend is enough (Desk for chats, CCC for calls)', () => {
    const expected = { request: { kind: 'transcript', sessionId: SID }, what: 'the transcript' };
    expect(plan(`transcript ${SID}`, { ccc: true, desk: false })).toEqual(expected);
    expect(plan(`transcript ${SID}`, { ccc: false, desk: true })).toEqual(expected);
  });

  test('call: the last 89 days up to now by default', () => {
    expect(plan(`call ${SID}`)).toEqual({
      request: { kind: 'call', sessionId: SID, window: { start: NOW - 89 * DAY, end: NOW, endsNow: true } },
      what: 'the call',
    });
  });

  test('call --since an older date: 89 days from then', () => {
    const start = Date.UTC(2024, 5, 1) / 1000;
    expect(plan(`call ${SID} --since 2024-06-01`)).toMatchObject({
      request: { kind: 'call', window: { start, end: start + 89 * DAY, endsNow: false } },
    });
  });

  test('sessions: the first page of the last 7 days, with the customer filter', () => {
    expect(plan('sessions')).toEqual({
      request: {
        kind: 'sessions',
        clientUserId: undefined,
        window: { start: NOW - 7 * DAY, end: NOW, endsNow: true },
        skip: 0,
      },
      what: 'recent chat sessions',
    });
    expect(plan('sessions 1299314544 --since 24h')).toMatchObject({
      request: { clientUserId: '1299314544', window: { start: NOW - DAY, end: NOW }, skip: 0 },
    });
  });
});

describe('backendsOf', () => {
  test.each([
    ['call', ['ccc']],
    ['transcript', ['desk', 'ccc']],
    ['state', ['desk']],
    ['sessions', ['desk']],
  ] as const)('%s → %j', (kind, backends) => {
    expect(backendsOf(kind)).toEqual(backends);
  });
});
