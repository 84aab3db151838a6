import { type CccClient, isCccError } from '@ccc-kit/ccc-client';
import type { AsrData } from '@ccc-kit/schemas';
import type { BotDeps } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';
import { describeFailure, isSessionNotFound } from '../failures.ts';
import { needCcc } from './backends.ts';
import { type CallFacts, fetchCallFacts } from './call-facts.ts';

/**
 * Tencent transcribes a call after it ends. For this long after the end, an empty transcript is taken as
 * "still being transcribed" unless the CDR says otherwise (`AsrStatus: Complete`).
 */
export const ASR_GRACE_SECONDS = 30 * 60;
/** When a transcript is still being made, the requester is told to try again after this long. */
export const ASR_RETRY_SECONDS = 5 * 60;

/** The speech transcript of a call, or why there is none (yet). */
export type CallAsr =
  | {
      readonly state: 'ready';
      readonly sentences: readonly AsrData[];
      /** The call's records, to name the speakers; undefined when no record query found the call. */
      readonly facts: CallFacts | undefined;
    }
  | { readonly state: 'not_enabled' }
  | {
      readonly state: 'processing';
      /** Unix seconds after which asking again makes sense. */
      readonly retryAt: number;
      /** The call is still going on (the transcript starts after it ends). */
      readonly inCall: boolean;
      readonly endedAt: number | undefined;
    }
  | { readonly state: 'no_speech'; readonly connected: boolean };

/** A speech transcript to show. */
export type ReadyAsr = Extract<CallAsr, { state: 'ready' }>;
/** Why a call has no speech transcript (yet). */
export type MissingAsr = Exclude<CallAsr, { state: 'ready' }>;

/**
 * DescribeTelRecordAsr's sentences; `[]` for an empty list or `ResourceNotFound` (both can mean "not made
 * yet" or "never made"), undefined when CCC does not know the session.
 */
async function recognisedSentences(ccc: CccClient, sessionId: string): Promise<AsrData[] | undefined> {
  try {
    return [...(await ccc.describeTelRecordAsr({ sessionId })).AsrDataList];
  } catch (error) {
    if (isCccError(error) && error.code === 'ResourceNotFound') return [];
    if (isSessionNotFound(error)) return undefined;
    throw error;
  }
}

/** Why a known call has no sentences, from its records. */
export function emptyTranscriptState(facts: CallFacts, nowSeconds: number): CallAsr {
  const processing = (inCall: boolean): CallAsr => ({
    state: 'processing',
    retryAt: nowSeconds + ASR_RETRY_SECONDS,
    inCall,
    endedAt: facts.endedAt,
  });
  if (facts.inProgress) return processing(true);
  if (facts.connected === false) return { state: 'no_speech', connected: false };
  if (facts.asrStatus === 'Complete') return { state: 'no_speech', connected: true };
  if (facts.asrStatus === 'Processing') return processing(false);
  // `NotExists` (or no status) right after the end can still be a transcript on its way.
  const last = facts.endedAt ?? facts.startedAt;
  const recent = last !== undefined && nowSeconds - last < ASR_GRACE_SECONDS;
  return recent ? processing(false) : { state: 'not_enabled' };
}

/**
 * A call's speech transcript: DescribeTelRecordAsr first, then the call's records (DescribeTelCdr, else
 * DescribeTelSession) to name the speakers or to tell apart "not enabled", "still processing" and "no speech".
 * Throws `slack_bot_session_not_found` when CCC knows no such call.
 */
export async function fetchCallAsr(deps: BotDeps, sessionId: string): Promise<CallAsr> {
  const ccc = needCcc(deps);
  const sentences = await recognisedSentences(ccc, sessionId);
  let facts: CallFacts | undefined;
  try {
    facts = await fetchCallFacts(ccc, sessionId, deps.now());
  } catch (error) {
    // With sentences in hand, a failed record query only costs the speakers' roles.
    if (!sentences?.length) throw error;
    deps.logger.warn({ err: describeFailure(error), sessionId }, 'call records unavailable for speakers');
  }
  if (sentences?.length) return { state: 'ready', sentences, facts };
  if (!facts) throw new BotError(BotErrorCode.SessionNotFound, `No call with id ${sessionId} was found.`);
  return emptyTranscriptState(facts, Math.floor(deps.now() / 1000));
}
