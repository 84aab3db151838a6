/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Slack text carries `&`, `<`, `>` escaped; undo that once, then HTML-escape for the page.
const unescapeSlack = (text: string): string =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** Renders one `<…>` control sequence: links, mentions, `<!date^…|fallback>`. */
function renderControl(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  const text = (value: string): string => escapeHtml(unescapeSlack(value));
  if (target.startsWith('!date^')) return text(label ?? target);
  if (target.startsWith('!subteam^')) return text(label ?? '@group');
  if (target.startsWith('!')) return `<b>@${text(target.slice(1))}</b>`;
  if (target.startsWith('@')) return `<b>@${text(label ?? target.slice(1))}</b>`;
  if (target.startsWith('#')) return `<b>#${text(label ?? target.slice(1))}</b>`;
  const url = unescapeSlack(target);
  if (!SAFE_URL.test(url)) return text(`<${inner}>`);
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${text(label ?? target)}</a>`;
}

// Applied to already-escaped text: the captures cannot contain markup, so wrapping them is safe.
function formatInline(escaped: string): string {
  return escaped
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<b>$2</b>')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/g, '$1<s>$2</s>');
}

function renderPlainRun(run: string): string {
  return run
    .split(/(<[^<>\n]*>)/)
    .map((piece, i) =>
      i % 2 === 1 ? renderControl(piece.slice(1, -1)) : formatInline(escapeHtml(unescapeSlack(piece))),
    )
    .join('')
    .replaceAll('\n', '<br>');
}

/**
 * Renders Slack mrkdwn as minimal, safe HTML: `*bold*`, `_italic_`, `~strike~`, `` `code` ``, ```` ```blocks``` ````,
 * `<url|label>` links (http, https, mailto only), mentions, and `<!date^…|fallback>` as its fallback.
 * Everything else is escaped.
 *
 * @example
 * mrkdwnToHtml('*Call* <https://x.test|log>'); // '<b>Call</b> <a href="https://x.test" …>log</a>'
 */
export function mrkdwnToHtml(text: string): string {
  return text
    .split(/(```[\s\S]*?```|`[^`\n]+`)/)
    .map((part, i) => {
      if (i % 2 === 0) return renderPlainRun(part);
      const fenced = part.startsWith('```');
      const code = escapeHtml(unescapeSlack(fenced ? part.slice(3, -3) : part.slice(1, -1)));
      return fenced ? `<pre>${code}</pre>` : `<code>${code}</code>`;
    })
    .join('');
}
