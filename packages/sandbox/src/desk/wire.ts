import type { ChatMessage } from '@ccc-kit/schemas';

type Json = Record<string, unknown>;

/**
 * Turns a dataset message (the schema's parsed form) back into what Tencent sends: the schema's
 * `TIMUnknownElem` fallback becomes the original `MsgType` again, also inside relayed messages. Anything else
 * is served as stored, so a test can put deliberately malformed messages (no `MsgBody`, odd types) in a dataset.
 */
export function toWireMessage(message: ChatMessage): Json {
  const raw = message as unknown as Json;
  return Array.isArray(raw.MsgBody) ? { ...raw, MsgBody: raw.MsgBody.map(toWireElement) } : raw;
}

function toWireElement(element: unknown): unknown {
  if (!element || typeof element !== 'object') return element;
  const e = element as Json;
  if (e.MsgType === 'TIMUnknownElem' && typeof e.OriginalMsgType === 'string') {
    const { OriginalMsgType, ...rest } = e;
    return { ...rest, MsgType: OriginalMsgType };
  }
  const content = e.MsgContent as Json | undefined;
  if (e.MsgType === 'TIMRelayElem' && content && Array.isArray(content.MsgList)) {
    const MsgList = content.MsgList.map((m: unknown) =>
      m && typeof m === 'object' && Array.isArray((m as Json).MsgBody)
        ? { ...(m as Json), MsgBody: ((m as Json).MsgBody as unknown[]).map(toWireElement) }
        : m,
    );
    return { ...e, MsgContent: { ...content, MsgList } };
  }
  return e;
}
