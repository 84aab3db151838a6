import type { ChatMessage } from '@ccc-kit/schemas';
import { CALL_TRANSCRIPTS_FORBIDDEN } from '../access.ts';
import type { BotDeps } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';
import { isSessionNotFound } from '../failures.ts';
import { type CallAsr, fetchCallAsr, type MissingAsr, type ReadyAsr } from './call-asr.ts';
import { fetchCallFacts } from './call-facts.ts';

/** A transcript with something to show: a Desk chat's messages, or a call's ready speech transcript. */
export type ShowableSource =
  | { readonly kind: 'chat'; readonly sessionId: string; readonly messages: readonly ChatMessage[] }
  | { readonly kind: 'call'; readonly sessionId: string; readonly asr: ReadyAsr };

/** Where a transcript came from, or, for a call without one, why. */
export type TranscriptSource =
  | ShowableSource
  | { readonly kind: 'call'; readonly sessionId: string; readonly asr: MissingAsr };

type Chat = Extract<TranscriptSource, { kind: 'chat' }>;

/** Whether a source has something to show (a chat, or a call whose transcript is ready). */
export const isShowable = (source: TranscriptSource): source is ShowableSource =>
  source.kind === 'chat' || source.asr.state === 'ready';

const callSource = (sessionId: string, asr: CallAsr): TranscriptSource =>
  asr.state === 'ready' ? { kind: 'call', sessionId, asr } : { kind: 'call', sessionId, asr };

/** The chat from Desk (every page, oldest first); undefined when Desk does not know it but CCC might. */
async function fetchChat(deps: BotDeps, sessionId: string): Promise<Chat | undefined> {
  if (!deps.desk) return undefined;
  try {
    return { kind: 'chat', sessionId, messages: await deps.desk.getTranscript(sessionId) };
  } catch (error) {
    if (!isSessionNotFound(error) || !deps.ccc) throw error;
    return undefined;
  }
}

const notFound = (sessionId: string): BotError =>
  new BotError(BotErrorCode.SessionNotFound, `No chat or call with id ${sessionId} was found.`);

/**
 * A user without the recording permission: a call is refused (its records say it exists; no speech is
 * fetched), an id CCC does not know is "not found", and an empty chat stays an empty chat.
 */
async function refuseCall(deps: BotDeps, userId: string, sessionId: string, chat: Chat | undefined) {
  const facts = deps.ccc ? await fetchCallFacts(deps.ccc, sessionId, deps.now()) : undefined;
  if (!facts) {
    if (chat) return chat;
    throw notFound(sessionId);
  }
  deps.logger.info({ user: userId, sessionId }, 'call transcript refused');
  throw new BotError(BotErrorCode.Forbidden, CALL_TRANSCRIPTS_FORBIDDEN);
}

/**
 * Fetches a transcript by session id. Chats first (Desk); when Desk does not know the id (or is not
 * configured, or the chat is empty) the id is tried as a voice call, for users allowed to hear recordings
 * only (a `slack_bot_forbidden` error for the others). Throws a "session not found" error when neither
 * backend knows the id.
 */
export async function fetchTranscript(
  deps: BotDeps,
  userId: string,
  sessionId: string,
): Promise<TranscriptSource> {
  const chat = await fetchChat(deps, sessionId);
  if (chat && (chat.messages.length > 0 || !deps.ccc)) return chat;
  if (!(await deps.access.canHearRecordings(userId))) return refuseCall(deps, userId, sessionId, chat);
  try {
    return callSource(sessionId, await fetchCallAsr(deps, sessionId));
  } catch (error) {
    // An empty chat that exists is a better answer than "not found" from CCC.
    if (chat && isSessionNotFound(error)) return chat;
    throw error;
  }
}
