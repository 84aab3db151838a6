import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import type { BotDeps } from '../deps.ts';

/** Slack errors meaning "the bot may not post in this conversation" (not a member, private, DM of others). */
const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'invalid_channel',
  'posting_to_channel_denied',
  'method_not_supported_for_channel_type',
]);

/** A transcript file to upload. */
export interface TranscriptFile {
  readonly channelId: string | undefined;
  readonly filename: string;
  readonly title: string;
  readonly content: string;
}

/** Whether the file was shared; otherwise a note for the reply. */
export type UploadOutcome = { readonly ok: true } | { readonly ok: false; readonly note: string };

const platformCode = (error: unknown): string | undefined =>
  (error as { code?: unknown } | null)?.code === ErrorCode.PlatformError
    ? (error as WebAPIPlatformError).data.error
    : undefined;

/**
 * Uploads a transcript as a text file into the conversation of the command (Slack's external upload flow:
 * getUploadURLExternal, POST the bytes, completeUploadExternal). Never throws.
 */
export async function uploadTranscript(deps: BotDeps, file: TranscriptFile): Promise<UploadOutcome> {
  const cannotPost = `I can't post files in this channel — invite me with /invite @${deps.botName()}`;
  if (!file.channelId) return { ok: false, note: cannotPost };
  try {
    await deps.slack.files.uploadV2({
      channel_id: file.channelId,
      filename: file.filename,
      title: file.title,
      content: file.content,
      snippet_type: 'text',
    });
    return { ok: true };
  } catch (error) {
    const code = platformCode(error);
    deps.logger.warn(
      { channel: file.channelId, slackError: code ?? (error as Error).message, bytes: file.content.length },
      'transcript upload failed',
    );
    if (code && CANNOT_POST.has(code)) return { ok: false, note: cannotPost };
    return { ok: false, note: `I couldn't upload the transcript file (${code ?? 'Slack did not answer'}).` };
  }
}
