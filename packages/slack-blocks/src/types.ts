import type { KnownBlock } from '@slack/types';

/**
 * What every builder returns: ready for `chat.postMessage`, `chat.postEphemeral`, `respond()` or
 * `chat.update`. `text` is the notification and screen-reader fallback and is always set; unfurls are always
 * off so a recording or file link never shows a preview.
 */
export interface SlackMessage {
  /** Fallback text (mrkdwn, already escaped). */
  readonly text: string;
  readonly blocks: KnownBlock[];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

/** A message before {@link SlackMessage}'s limits and flags are applied. */
export interface DraftMessage {
  readonly text: string;
  readonly blocks: readonly KnownBlock[];
}

/** Options shared by the builders that show people, numbers and times. */
export interface RenderOptions {
  /** Show phone numbers in full. Default: masked (`0086138****5678`). */
  readonly showNumbers?: boolean;
  /**
   * IANA time zone for the fallback text of dates and for transcripts, e.g. `Asia/Shanghai`. Default `UTC`.
   * Readers see dates in their own Slack time zone regardless (the `<!date^…>` token).
   */
  readonly timeZone?: string;
}
