import { describe, expect, test } from 'vitest';
import { parseDescribeChatMessagesResponse, safeParseWith } from '../index.ts';
import { ChatMessage } from './chat-messages.ts';
import { MsgElement } from './msg-element.ts';

const parse = (element: unknown) => safeParseWith(MsgElement, element);

describe('MsgElement', () => {
  test.each([
    ['TIMTextElem', { Text: 'hi' }],
    [
      'TIMImageElem',
      {
        UUID: 'u',
        ImageFormat: 3,
        ImageInfoArray: [{ Type: 1, Size: 10, Width: 1, Height: 1, URL: 'https://x/i.png' }],
      },
    ],
    ['TIMFileElem', { Url: 'https://x/f.pdf', FileSize: 3, FileName: 'f.pdf' }],
    ['TIMSoundElem', { Url: 'https://x/s.mp3', Second: 4, Size: 9 }],
    ['TIMVideoFileElem', { VideoUrl: 'https://x/v.mp4', VideoSecond: 5, ThumbUrl: 'https://x/t.jpg' }],
    ['TIMLocationElem', { Desc: 'Office', Latitude: 22.5, Longitude: 113.9 }],
    ['TIMFaceElem', { Index: 1, Data: 'smile' }],
    ['TIMCustomElem', { Data: '{"src":"22"}', Desc: 'card', Ext: '' }],
  ])('%s parses with its content', (MsgType, MsgContent) => {
    expect(parse({ MsgType, MsgContent })).toEqual({ ok: true, value: { MsgType, MsgContent } });
  });

  test('relay elements nest whole messages', () => {
    const relay = {
      MsgType: 'TIMRelayElem',
      MsgContent: {
        Title: 'Chat history',
        MsgNum: 1,
        MsgList: [
          {
            From_Account: 'a',
            MsgTimeStamp: 1,
            MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
          },
        ],
      },
    };
    const result = parse(relay);
    expect(result.ok).toBe(true);
    if (result.ok && result.value.MsgType === 'TIMRelayElem') {
      expect(result.value.MsgContent.MsgList[0]?.MsgBody[0]).toEqual({
        MsgType: 'TIMTextElem',
        MsgContent: { Text: 'x' },
      });
      expect(result.value.MsgContent.AbstractList).toEqual([]);
    }
  });

  test('unknown element types parse to an explicit fallback keeping the original type', () => {
    expect(parse({ MsgType: 'TIMStreamElem', MsgContent: { Foo: 1 } })).toEqual({
      ok: true,
      value: { MsgType: 'TIMUnknownElem', OriginalMsgType: 'TIMStreamElem', MsgContent: { Foo: 1 } },
    });
  });

  test('an unreadable element (wrongly typed content, no MsgType, not an object) becomes the fallback', () => {
    expect(parse({ MsgType: 'TIMTextElem', MsgContent: { Text: 42 } })).toEqual({
      ok: true,
      value: { MsgType: 'TIMUnknownElem', OriginalMsgType: 'TIMTextElem', MsgContent: { Text: 42 } },
    });
    expect(parse({ MsgType: 'TIMImageElem', MsgContent: 'x' })).toMatchObject({
      ok: true,
      value: { MsgType: 'TIMUnknownElem', OriginalMsgType: 'TIMImageElem', MsgContent: 'x' },
    });
    expect(parse({ MsgContent: { Text: 'hi' } })).toMatchObject({
      ok: true,
      value: { MsgType: 'TIMUnknownElem', OriginalMsgType: '' },
    });
    expect(parse(null)).toMatchObject({
      ok: true,
      value: { MsgType: 'TIMUnknownElem', OriginalMsgType: '' },
    });
  });

  test('one unreadable element keeps the rest of the page, also inside a forwarded message', () => {
    const odd = { MsgType: 'TIMFileElem', MsgContent: { FileSize: 'big' } };
    const page = parseDescribeChatMessagesResponse({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      TotalCount: 2,
      Messages: [
        {
          FromAccount: 'u',
          Timestamp: 1,
          MsgBody: [odd, { MsgType: 'TIMTextElem', MsgContent: { Text: 'ok' } }],
        },
        {
          FromAccount: 'a',
          Timestamp: 2,
          MsgBody: [{ MsgType: 'TIMRelayElem', MsgContent: { MsgList: [{ MsgBody: [odd] }] } }],
        },
      ],
    });
    expect(page.Messages[0]?.MsgBody.map((e) => e.MsgType)).toEqual(['TIMUnknownElem', 'TIMTextElem']);
    const relay = page.Messages[1]?.MsgBody[0];
    expect(relay?.MsgType === 'TIMRelayElem' && relay.MsgContent.MsgList[0]?.MsgBody[0]?.MsgType).toBe(
      'TIMUnknownElem',
    );
  });

  test('missing MsgContent parses as empty content; missing MsgBody as []', () => {
    expect(parse({ MsgType: 'TIMTextElem' })).toEqual({
      ok: true,
      value: { MsgType: 'TIMTextElem', MsgContent: {} },
    });
    expect(safeParseWith(ChatMessage, { FromAccount: 'a', Timestamp: 1 })).toMatchObject({
      ok: true,
      value: { MsgBody: [] },
    });
  });

  test('a response mixing every type parses', () => {
    const body = {
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      TotalCount: 2,
      Messages: [
        {
          FromAccount: 'u',
          FromAccountRole: 1,
          Timestamp: 1,
          MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 2 } }],
        },
        { FromAccount: 'a', FromAccountRole: 2, Timestamp: 2, MsgBody: null },
      ],
    };
    expect(parseDescribeChatMessagesResponse(body).Messages.map((m) => m.MsgBody.length)).toEqual([1, 0]);
  });
});
