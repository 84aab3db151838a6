import { escapeHtml, mrkdwnToHtml } from './mrkdwn.ts';
import { SLACK_FILE_ID } from './slack-file-rules.ts';
import type { JsonObject } from './types.ts';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Renders a Block Kit text object (mrkdwn or plain_text). */
export function renderTextObject(value: unknown): string {
  if (!isObject(value)) return '';
  return value.type === 'mrkdwn' ? mrkdwnToHtml(str(value.text)) : escapeHtml(str(value.text));
}

function renderLink(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

// Only the emulator's own files are shown as pictures (the page's CSP allows images from itself alone).
const FILE_PATH = /^\/files\/([^/]+)/;

/** The local path of the uploaded file a `slack_file` names (by `id`, or by one of its emulator URLs). */
function slackFileSrc(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const fromUrl =
    typeof value.url === 'string' && URL.canParse(value.url)
      ? FILE_PATH.exec(new URL(value.url).pathname)?.[1]
      : undefined;
  const id = typeof value.id === 'string' ? value.id : fromUrl;
  // The ID pattern keeps anything but `F` + capitals and digits out of the attribute.
  return id !== undefined && SLACK_FILE_ID.test(id) ? `/files/${id}` : undefined;
}

/**
 * Renders an image block or element: an uploaded file as `<img>`, an `image_url` as a link (the page
 * fetches nothing from outside 127.0.0.1).
 */
function renderImage(image: JsonObject, className: string): string {
  const alt = str(image.alt_text);
  const src = slackFileSrc(image.slack_file);
  if (src) return `<img class="${className}" src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  return `<span class="${className}">${renderLink(str(image.image_url), `[image: ${alt}]`)}</span>`;
}

/** Renders an interactive element; buttons look disabled since the page is read-only. */
function renderElement(element: unknown): string {
  if (!isObject(element)) return '';
  if (element.type === 'button') {
    const style =
      element.style === 'primary' || element.style === 'danger' ? ` class="${element.style}"` : '';
    return `<button type="button" disabled${style}>${renderTextObject(element.text)}</button>`;
  }
  if (element.type === 'image') return renderImage(element, 'thumb');
  const placeholder = isObject(element.placeholder) ? renderTextObject(element.placeholder) : '';
  return `<span class="element">[${escapeHtml(str(element.type))}${placeholder ? `: ${placeholder}` : ''}]</span>`;
}

/** Collects the text of a rich_text tree. */
function richText(value: unknown): string {
  if (Array.isArray(value)) return value.map(richText).join('');
  if (!isObject(value)) return '';
  if (typeof value.text === 'string') return value.text;
  if (value.type === 'link') return str(value.url);
  if (value.type === 'user') return `@${str(value.user_id)}`;
  if (value.type === 'channel') return `#${str(value.channel_id)}`;
  return richText(value.elements);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const renderers: Record<string, (block: JsonObject) => string> = {
  header: (block) => `<h3 class="header">${renderTextObject(block.text)}</h3>`,
  divider: () => '<hr>',
  section(block) {
    const text = block.text ? `<div class="text">${renderTextObject(block.text)}</div>` : '';
    const fields = list(block.fields).map((f) => `<div class="field">${renderTextObject(f)}</div>`);
    const grid = fields.length > 0 ? `<div class="fields">${fields.join('')}</div>` : '';
    const accessory = block.accessory ? `<div class="accessory">${renderElement(block.accessory)}</div>` : '';
    return `<div class="section">${text}${grid}${accessory}</div>`;
  },
  context(block) {
    const parts = list(block.elements).map((e) =>
      isObject(e) && e.type === 'image' ? renderElement(e) : `<span>${renderTextObject(e)}</span>`,
    );
    return `<div class="context">${parts.join(' ')}</div>`;
  },
  actions: (block) => `<div class="actions">${list(block.elements).map(renderElement).join(' ')}</div>`,
  image(block) {
    const title = isObject(block.title) ? `<figcaption>${renderTextObject(block.title)}</figcaption>` : '';
    return `<figure class="image">${renderImage(block, 'picture')}${title}</figure>`;
  },
  markdown: (block) => `<div class="markdown">${escapeHtml(str(block.text)).replaceAll('\n', '<br>')}</div>`,
  rich_text: (block) =>
    `<div class="rich-text">${escapeHtml(richText(block.elements)).replaceAll('\n', '<br>')}</div>`,
};

/** Renders a list of blocks as HTML; unknown block types show as a placeholder. */
export function renderBlocks(blocks: readonly unknown[]): string {
  return blocks
    .map((block) => {
      if (!isObject(block)) return '';
      const render = renderers[str(block.type)];
      return render ? render(block) : `<div class="unknown">[${escapeHtml(str(block.type))} block]</div>`;
    })
    .join('\n');
}
