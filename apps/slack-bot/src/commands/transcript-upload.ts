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

/** A transcript file: name, title and the text (numbers in sender accounts already masked). */
export interface TranscriptFile {
  readonly filename: string;
  readonly title: string;
  readonly content: string;
}

/** Whether the file was shared; otherwise whether the bot may not post there, and Slack's error. */
export type UploadOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly cannotPost: boolean; readonly error: string };

/** The `error` of a Slack platform error, else undefined (a network failure, a timeout). */
export const platformCode = (error: unknown): string | undefined =>
  (error as { code?: unknown } | null)?.code === ErrorCode.PlatformError
    ? (error as WebAPIPlatformError).data.error
    : undefined;

/**
 * Uploads a transcript as a text file into a conversation (Slack's external upload flow:
 * getUploadURLExternal, POST the bytes, completeUploadExternal with `channel_id`), with an optional first
 * comment. Never throws: a refusal is logged and returned.
 */
export async function uploadTranscript(
  deps: BotDeps,
  channelId: string,
  file: TranscriptFile,
  initialComment?: string,
): Promise<UploadOutcome> {
  try {
    await deps.slack.files.uploadV2({
      channel_id: channelId,
      filename: file.filename,
      title: file.title,
      content: file.content,
      snippet_type: 'text',
      ...(initialComment ? { initial_comment: initialComment } : {}),
    });
    return { ok: true };
  } catch (error) {
    const code = platformCode(error);
    deps.logger.warn(
      { channel: channelId, slackError: code ?? (error as Error).message, bytes: file.content.length },
      'transcript upload failed',
    );
    return {
      ok: false,
      cannotPost: code !== undefined && CANNOT_POST.has(code),
      error: code ?? 'Slack did not answer',
    };
  }
}
