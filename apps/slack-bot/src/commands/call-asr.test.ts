import { describe, expect, test } from 'vitest';
import { ASR_GRACE_SECONDS, ASR_RETRY_SECONDS, emptyTranscriptState } from './call-asr.ts';
import type { CallFacts } from './call-facts.ts';

const NOW = 1_790_000_000;
const ended = (secondsAgo: number, extra: Partial<CallFacts> = {}): CallFacts => ({
  agents: ['ann@example.com'],
  customers: ['008613812345678'],
  startedAt: NOW - secondsAgo - 300,
  endedAt: NOW - secondsAgo,
  connected: true,
  inProgress: false,
  asrStatus: 'NotExists',
  ...extra,
});
const processing = (inCall: boolean, endedAt: number | undefined) => ({
  state: 'processing',
  retryAt: NOW + ASR_RETRY_SECONDS,
  inCall,
  endedAt,
});

describe('emptyTranscriptState (a known call, no sentences)', () => {
  test('AsrStatus NotExists long after the end: ASR is not enabled', () => {
    expect(emptyTranscriptState(ended(ASR_GRACE_SECONDS), NOW)).toEqual({ state: 'not_enabled' });
  });

  test('ended recently, or AsrStatus Processing at any time: still processing, try again later', () => {
    expect(emptyTranscriptState(ended(120), NOW)).toEqual(processing(false, NOW - 120));
    expect(emptyTranscriptState(ended(86_400, { asrStatus: 'Processing' }), NOW)).toEqual(
      processing(false, NOW - 86_400),
    );
  });

  test('a call still going on: processing, and it says so', () => {
    const live = ended(0, { inProgress: true, endedAt: undefined, asrStatus: undefined });
    expect(emptyTranscriptState(live, NOW)).toEqual(processing(true, undefined));
  });

  test('AsrStatus Complete with nothing recognised, or a call nobody answered: no speech', () => {
    expect(emptyTranscriptState(ended(60, { asrStatus: 'Complete' }), NOW)).toEqual({
      state: 'no_speech',
      connected: true,
    });
    expect(emptyTranscriptState(ended(60, { connected: false }), NOW)).toEqual({
      state: 'no_speech',
      connected: false,
    });
  });

  test('no status and no end time (DescribeTelSession only): judged by the start', () => {
    const session = { endedAt: undefined, asrStatus: undefined };
    expect(emptyTranscriptState(ended(60, session), NOW).state).toBe('processing');
    expect(emptyTranscriptState(ended(7200, session), NOW).state).toBe('not_enabled');
  });
});
