import type { BotDeps } from '../deps.ts';
import {
  platformCode,
  type TranscriptFile,
  type UploadOutcome,
  uploadTranscript,
} from './transcript-upload.ts';

/** Who asked for a transcript, and where. */
export interface Requester {
  readonly userId: string;
  /** The conversation of the command, named in the direct message. */
  readonly channelId: string | undefined;
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function introText(requester: Requester, what: string): string {
  const where = requester.channelId ? ` in <#${requester.channelId}>` : '';
  return `Here is the ${what} you asked for${where}. Only you can see it here; *Share to channel* under my answer there posts it in the channel.`;
}

/**
 * Sends a transcript file to the requester alone, in their direct messages with the bot. A message posted
 * to the user's id opens (or reuses) that conversation and Slack answers with its `D…` id, where the file is
 * then shared: `chat:write` and `files:write` are enough (`conversations.open` would need `im:write`, and
 * `completeUploadExternal` refuses a `U…` id). Never throws.
 */
export async function sendTranscriptToUser(
  deps: BotDeps,
  requester: Requester,
  file: TranscriptFile,
  what: { readonly noun: string; readonly sessionId: string },
): Promise<UploadOutcome> {
  let dm: string | undefined;
  try {
    const posted = await deps.slack.chat.postMessage({
      channel: requester.userId,
      text: introText(requester, `${what.noun} transcript of ${code(what.sessionId)}`),
      unfurl_links: false,
      unfurl_media: false,
    });
    dm = posted.channel;
  } catch (error) {
    const slackError = platformCode(error);
    deps.logger.warn(
      { user: requester.userId, slackError: slackError ?? (error as Error).message },
      'transcript direct message failed',
    );
    return { ok: false, cannotPost: false, error: slackError ?? 'Slack did not answer' };
  }
  if (!dm) return { ok: false, cannotPost: false, error: 'no direct message channel' };
  return uploadTranscript(deps, dm, file);
}
