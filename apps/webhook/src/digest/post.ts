import { digestMessage } from '@ccc-kit/slack-blocks';
import { type Scheduler, sleep } from '@ccc-kit/timers';
import type { WebClient } from '@slack/web-api';
import type { BuiltDigest } from './build.ts';

/** The `event_type` of the metadata on a digest: how a later attempt recognises one already posted. */
export const DIGEST_EVENT_TYPE = 'ccc_digest';
/** Pages of channel history read when looking for a digest whose post may have gone through. */
const HISTORY_PAGES = 5;
/** files.info polls while Slack processes the chart, waiting 0.5, 1, 2, 4, 4… s (about 30 s in all). */
const FILE_POLLS = 10;

const metadata = (day: string) => ({ event_type: DIGEST_EVENT_TYPE, event_payload: { day } });

/**
 * The `ts` of `day`'s digest if it is already in `channel` (posted by an attempt whose answer was lost),
 * looking from `since` (epoch ms); null when it is not there.
 */
export async function findPostedDigest(
  slack: WebClient,
  channel: string,
  day: string,
  since: number,
): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const answer = await slack.conversations.history({
      channel,
      oldest: String(Math.floor(since / 1000) - 60),
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    const found = (answer.messages ?? []).find(
      (m) =>
        m.metadata?.event_type === DIGEST_EVENT_TYPE &&
        (m.metadata.event_payload as { day?: unknown } | undefined)?.day === day,
    );
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

/** Posts the digest (text and numbers, no chart yet); returns where it went. */
export async function postDigest(
  slack: WebClient,
  channel: string,
  digest: BuiltDigest,
): Promise<{ channel: string; ts: string }> {
  const answer = await slack.chat.postMessage({
    channel,
    ...digestMessage(digest.input),
    metadata: metadata(digest.input.day),
  } as never);
  return { channel: String(answer.channel ?? channel), ts: String(answer.ts) };
}

/**
 * Uploads the chart into the digest's thread, waits until Slack has processed it (files.info reports its
 * type: an image block naming a file too early fails with `invalid_blocks`), then shows it in the digest
 * (`chat.update`). Returns false when Slack never finished processing it: the chart stays in the thread.
 */
export async function attachChart(
  slack: WebClient,
  post: { channel: string; ts: string },
  digest: BuiltDigest,
  png: Uint8Array,
  scheduler: Scheduler,
): Promise<boolean> {
  const filename = `calls-${digest.input.day}.png`;
  const upload = await slack.files.getUploadURLExternal({ filename, length: png.byteLength });
  if (!upload.upload_url || !upload.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const sent = await fetch(upload.upload_url, { method: 'POST', body: png });
  if (!sent.ok) throw new Error(`the chart upload answered HTTP ${sent.status}`);
  const title = `Inbound calls per hour, ${digest.input.day}`;
  await slack.files.completeUploadExternal({
    files: [{ id: upload.file_id, title }],
    channel_id: post.channel,
    thread_ts: post.ts,
  });
  for (let poll = 0; poll < FILE_POLLS; poll++) {
    const info = await slack.files.info({ file: upload.file_id });
    if (info.file?.mimetype) {
      const chart = { fileId: upload.file_id, alt: title };
      await slack.chat.update({
        channel: post.channel,
        ts: post.ts,
        ...digestMessage({ ...digest.input, chart }),
        metadata: metadata(digest.input.day),
      } as never);
      return true;
    }
    await sleep(Math.min(4_000, 500 * 2 ** poll), scheduler);
  }
  return false;
}
