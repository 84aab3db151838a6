/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so customer or agent text can never open
 * a link, a mention or a `<!channel>` ping. Nothing else is touched (Slack asks not to entity-encode more).
 *
 * @example
 * escapeMrkdwn('hi <!channel> & <@U123>'); // 'hi &lt;!channel&gt; &amp; &lt;@U123&gt;'
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const SAFE_URL = /^https?:\/\/[^\s]+$/i;

/**
 * A mrkdwn link `<url|label>` with the label escaped. Only http(s) URLs become links; anything else (a
 * `javascript:` URL, a `@U123` target) is shown as escaped text. A `|` in the URL is percent-encoded so it
 * cannot end the target early and smuggle a label.
 */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const text = escapeMrkdwn(label);
  if (!url || !SAFE_URL.test(url)) return text;
  return `<${escapeMrkdwn(url).replaceAll('|', '%7C')}|${text}>`;
}

/** Escaped inline code: `` `text` `` with backticks replaced so user text cannot close the span. */
export function mrkdwnCode(text: string): string {
  return `\`${escapeMrkdwn(text.replaceAll('`', 'ˋ'))}\``;
}

/** Collapses newlines and runs of spaces: for values shown inside one field or line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
