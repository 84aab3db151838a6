import { escapeHtml, mrkdwnToHtml } from './mrkdwn.ts';
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

/** Renders an interactive element; buttons look disabled since the page is read-only. */
function renderElement(element: unknown): string {
  if (!isObject(element)) return '';
  if (element.type === 'button') {
    const style =
      element.style === 'primary' || element.style === 'danger' ? ` class="${element.style}"` : '';
    return `<button type="button" disabled${style}>${renderTextObject(element.text)}</button>`;
  }
  if (element.type === 'image') return `<span class="image">[${escapeHtml(str(element.alt_text))}]</span>`;
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
  image: (block) =>
    `<div class="image">${renderLink(str(block.image_url), `[image: ${str(block.alt_text)}]`)}</div>`,
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
