import type { AsrData, ChatMessage } from '@ccc-kit/schemas';
import type { BotDeps } from '../deps.ts';
import { isSessionNotFound } from '../failures.ts';

/** Where a transcript came from: a Desk chat's messages or a call's speech recognition sentences. */
export type TranscriptSource =
  | { readonly kind: 'chat'; readonly sessionId: string; readonly messages: readonly ChatMessage[] }
  | { readonly kind: 'call'; readonly sessionId: string; readonly sentences: readonly AsrData[] };

/**
 * Fetches a transcript by session id. Chats first (every page of describe_chat_messages, oldest first); when
 * Desk does not know the id (or is not configured, or the chat is empty) the id is tried as a voice call
 * (DescribeTelRecordAsr). An empty `sentences` list means offline ASR was not enabled for the call.
 * Throws the backend's "session not found" when neither knows the id.
 */
export async function fetchTranscript(deps: BotDeps, sessionId: string): Promise<TranscriptSource> {
  let chat: Extract<TranscriptSource, { kind: 'chat' }> | undefined;
  let notFound: unknown;
  if (deps.desk) {
    try {
      chat = { kind: 'chat', sessionId, messages: await deps.desk.getTranscript(sessionId) };
    } catch (error) {
      if (!isSessionNotFound(error) || !deps.ccc) throw error;
      notFound = error;
    }
    if (chat && (chat.messages.length > 0 || !deps.ccc)) return chat;
  }
  const ccc = deps.ccc;
  if (!ccc) throw notFound;
  try {
    const { AsrDataList } = await ccc.describeTelRecordAsr({ sessionId });
    return { kind: 'call', sessionId, sentences: AsrDataList ?? [] };
  } catch (error) {
    // An empty chat that exists is a better answer than "not found" from CCC.
    if (chat && isSessionNotFound(error)) return chat;
    throw error;
  }
}
