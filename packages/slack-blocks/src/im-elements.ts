import type { MsgElement, RelayedMessageOutput } from '@ccc-kit/schemas';
import { oneLine } from './escape.ts';

/** How one IM element reads, independent of the output format (plain text or mrkdwn). */
export type ElementView =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'item'; readonly label: string; readonly url?: string | undefined }
  | {
      readonly kind: 'relay';
      readonly label: string;
      readonly messages: readonly RelayedMessageOutput[];
      readonly abstracts: readonly string[];
    };

const item = (label: string, url?: string | null): ElementView => ({
  kind: 'item',
  label,
  url: url ?? undefined,
});

/** `12 B`, `3.4 KB`, `1.2 MB`. */
export function formatBytes(bytes: number | null | undefined): string | undefined {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const details = (...parts: ReadonlyArray<string | undefined>): string => {
  const shown = parts.filter(Boolean);
  return shown.length ? ` (${shown.join(', ')})` : '';
};
const seconds = (s: number | null | undefined): string | undefined => (s == null ? undefined : `${s} s`);

// Desk cards put a JSON object in `Data` (`{"content":{"header":…,"desc":…}}`): show its words if present.
function customText(data: string | null | undefined, desc: string | null | undefined): string {
  if (desc) return oneLine(desc);
  if (!data) return 'no content';
  try {
    const parsed = JSON.parse(data) as { content?: { header?: unknown; desc?: unknown } } | null;
    const words = [parsed?.content?.header, parsed?.content?.desc].filter((w) => typeof w === 'string' && w);
    if (words.length) return oneLine(words.join(': '));
  } catch {
    // Not JSON: the data itself is the best description.
  }
  return oneLine(data);
}

type Elem<T extends MsgElement['MsgType']> = Extract<MsgElement, { MsgType: T }>;

function imageView(element: Elem<'TIMImageElem'>): ElementView {
  const images = element.MsgContent.ImageInfoArray;
  const best = images.find((i) => i.Type === 1) ?? images[0];
  const size = best?.Width && best.Height ? `${best.Width}×${best.Height}` : undefined;
  return item(`[image${details(size, formatBytes(best?.Size))}]`, best?.URL);
}

function relayView(element: Elem<'TIMRelayElem'>): ElementView {
  const c = element.MsgContent;
  const count = c.MsgNum ?? c.MsgList.length;
  const missing = c.MsgList.length === 0 && c.JsonMsgKey ? ', messages not included' : '';
  const title = oneLine(c.Title || 'Forwarded messages');
  return {
    kind: 'relay',
    label: `[forwarded: ${title}, ${count} message${count === 1 ? '' : 's'}${missing}]`,
    messages: c.MsgList,
    abstracts: c.MsgList.length ? [] : c.AbstractList,
  };
}

function locationView({ MsgContent: { Desc, Latitude, Longitude } }: Elem<'TIMLocationElem'>): ElementView {
  const where = Latitude != null && Longitude != null ? `${Latitude}, ${Longitude}` : 'no coordinates';
  return item(`[location: ${Desc ? `${oneLine(Desc)} ` : ''}(${where})]`);
}

/**
 * Describes one element of a message body. Every documented type has a reading; a type this version does
 * not know reads `[unsupported message: TYPE]` instead of disappearing.
 */
export function describeElement(element: MsgElement): ElementView {
  switch (element.MsgType) {
    case 'TIMTextElem':
      return { kind: 'text', text: element.MsgContent.Text ?? '' };
    case 'TIMImageElem':
      return imageView(element);
    case 'TIMFileElem': {
      const c = element.MsgContent;
      return item(`[file: ${oneLine(c.FileName || 'unnamed')}${details(formatBytes(c.FileSize))}]`, c.Url);
    }
    case 'TIMSoundElem':
      return item(`[voice message${details(seconds(element.MsgContent.Second))}]`, element.MsgContent.Url);
    case 'TIMVideoFileElem': {
      const c = element.MsgContent;
      return item(`[video${details(seconds(c.VideoSecond), c.VideoFormat ?? undefined)}]`, c.VideoUrl);
    }
    case 'TIMLocationElem':
      return locationView(element);
    case 'TIMFaceElem':
      return item(`[sticker: ${element.MsgContent.Data || `#${element.MsgContent.Index ?? '?'}`}]`);
    case 'TIMCustomElem':
      return item(`[custom: ${customText(element.MsgContent.Data, element.MsgContent.Desc)}]`);
    case 'TIMRelayElem':
      return relayView(element);
    default:
      return item(`[unsupported message: ${oneLine(String(element.OriginalMsgType || 'unknown'))}]`);
  }
}
