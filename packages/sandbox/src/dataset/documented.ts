import type { CallPlan, CallShape } from './call-plan.ts';
import type { ChatPlan } from './chat-plan.ts';
import type { ChatStory } from './chat-story.ts';
import type { ResolvedOptions } from './options.ts';
import type { Random } from './random.ts';

/** A call of Tencent's documentation, generated with the id the documentation prints. */
export interface DocumentedCall {
  readonly sessionId: string;
  /** Where Tencent prints this SessionId. */
  readonly source: string;
  /** What the generated call is: the closest to the documented sample that the generator can tell. */
  readonly plan: CallPlan;
}

/** A chat session of Tencent's documentation, generated with its documented id and customer. */
export interface DocumentedChat {
  readonly sessionId: string;
  readonly source: string;
  readonly plan: ChatPlan;
  readonly user: ChatStory['user'];
}

const call = (sessionId: string, source: string, shape: CallShape, status: string): DocumentedCall => ({
  sessionId,
  source,
  plan: { shape, status, transfers: 0, voicemail: false, asr: null, showcase: false },
});

/**
 * The calls whose SessionIds Tencent's documentation prints: the push samples (apps/webhook/samples) and the
 * bot's `/ccc help` examples name them, so `/ccc call <id>` must find them in the sandbox. Each keeps the
 * direction and outcome of its sample; its times are the generated day's, since Tencent (and the bot) only
 * search the last 180 (89) days.
 */
export const DOCUMENTED_CALLS: readonly DocumentedCall[] = [
  call(
    '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
    'the CDR push sample of the data push page (samples/cdr.json)',
    'outbound',
    'numberNotExist',
  ),
  call(
    'e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55',
    'the older CDR push sample and the recording and voicemail push samples (samples/cdr-legacy.json, record.json, voicemail.json)',
    'outbound',
    'error',
  ),
  call(
    '0cf5be1b-de75-4445-a0c4-8dff3fa4b68b',
    'the DescribeTelSession example, and `/ccc call` in the bot’s help',
    'outbound',
    'ok',
  ),
];

/** The chat session of describe_im_cdr_list's sample (samples/imcdr.json, `/ccc state` in the bot's help). */
export const DOCUMENTED_CHATS: readonly DocumentedChat[] = [
  {
    sessionId: 'a97d3e1f-a88b-403b-9b3a-7bc6554ea05d',
    source: 'the describe_im_cdr_list sample (samples/imcdr.json), and `/ccc state` in the bot’s help',
    plan: { endStatus: 'AgentEndedSession', live: null, long: false, everyElement: false },
    user: { id: '1299314544', nick: 'Shannong', channel: 'SDK' },
  },
];

/**
 * When a documented session starts: inside the range, an hour before its end at the latest (so it also ends
 * inside a day), drawn from the session's own stream.
 */
export const documentedStart = (random: Random, options: ResolvedOptions): number =>
  random.int(options.start, Math.max(options.start, options.end - 3_600));
