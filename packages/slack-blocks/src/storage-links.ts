import { escapeMrkdwn, mrkdwnCode, mrkdwnLink } from './escape.ts';
import { clipText } from './truncate.ts';

/**
 * Host suffixes of Tencent Cloud Object Storage (COS), where Tencent Chat stores the images, files, voice and
 * video that a chat SDK uploads for a customer: `<bucket>.cos.<region>.myqcloud.com` (and COS's CDN under
 * `myqcloud.com`) and the newer default domain `<bucket>.cos.<region>.tencentcos.cn`.
 */
export const TENCENT_STORAGE_SUFFIXES: readonly string[] = ['.myqcloud.com', '.tencentcos.cn'];

/** Characters of a URL shown as text; the file keeps it whole. */
const SHOWN_URL_CHARS = 200;

/**
 * Whether `url` is an `https` link on Tencent's own storage domains ({@link TENCENT_STORAGE_SUFFIXES}), with
 * no credentials in it. A media element's link is written by the chat SDK that uploaded the media; any
 * other host means the sender wrote the link themselves.
 *
 * @example
 * isTencentStorageUrl('https://im-1400000000.cos.ap-shanghai.myqcloud.com/a.png'); // true
 * isTencentStorageUrl('https://myqcloud.com.evil.test/a.png');                      // false
 */
export function isTencentStorageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return TENCENT_STORAGE_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * A media element's label as mrkdwn: a link when its URL is on Tencent's storage, else the label followed by
 * the URL as inline code, which Slack never turns into a link (a customer-chosen link is a phishing vector).
 */
export function mediaLink(url: string | undefined, label: string): string {
  if (!url) return escapeMrkdwn(label);
  if (isTencentStorageUrl(url)) return mrkdwnLink(url, label);
  return `${escapeMrkdwn(label)} ${mrkdwnCode(clipText(url, SHOWN_URL_CHARS))}`;
}
