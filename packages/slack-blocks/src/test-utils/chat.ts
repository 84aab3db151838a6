import { type ChatMessage, parseDescribeChatMessagesResponse } from '@ccc-kit/schemas';
import { samples } from '@ccc-kit/schemas/fixtures';

/** The describe_chat_messages doc sample's messages (one customer "hello"). */
export const seedMessages: readonly ChatMessage[] = parseDescribeChatMessagesResponse(
  JSON.parse(samples.deskChatMessagesResponse),
).Messages;

const at = Date.UTC(2026, 10, 20, 10, 3, 12);

/** One message per IM element type, a forwarded (relay) message with a nested forward, and an unknown type. */
export const everyElement: readonly ChatMessage[] = parseDescribeChatMessagesResponse({
  ActionStatus: 'OK',
  ErrorCode: 0,
  ErrorInfo: '',
  TotalCount: 11,
  Messages: [
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi, my order\nis late' } }],
    },
    {
      FromAccount: 'shannon@qq.com',
      FromAccountRole: 2,
      Timestamp: at + 1000,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 2000,
      MsgBody: [
        {
          MsgType: 'TIMImageElem',
          MsgContent: {
            UUID: 'img1',
            ImageFormat: 3,
            ImageInfoArray: [
              {
                Type: 3,
                Size: 900,
                Width: 10,
                Height: 10,
                URL: 'https://im-1400000000.cos.ap-shanghai.myqcloud.com/thumb.png',
              },
              {
                Type: 1,
                Size: 204800,
                Width: 800,
                Height: 600,
                URL: 'https://im-1400000000.cos.ap-shanghai.myqcloud.com/orig.png',
              },
            ],
          },
        },
        {
          MsgType: 'TIMFileElem',
          MsgContent: {
            // A link the sender wrote themselves (not Tencent storage): shown as text in previews.
            Url: 'https://pay-now.example/invoice.pdf',
            FileSize: 52133,
            FileName: 'invoice <2026>.pdf',
          },
        },
      ],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 3000,
      MsgBody: [
        {
          MsgType: 'TIMSoundElem',
          MsgContent: {
            Url: 'https://im-1400000000.cos.ap-shanghai.myqcloud.com/v.mp3',
            Second: 4,
            Size: 9000,
          },
        },
      ],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 4000,
      MsgBody: [
        {
          MsgType: 'TIMVideoFileElem',
          MsgContent: {
            VideoUrl: 'https://im-1400000000.cos.ap-shanghai.myqcloud.com/v.mp4',
            VideoSecond: 12,
            VideoFormat: 'mp4',
          },
        },
      ],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 5000,
      MsgBody: [
        {
          MsgType: 'TIMLocationElem',
          MsgContent: { Desc: 'Office', Latitude: 22.5431, Longitude: 113.9345 },
        },
      ],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 6000,
      MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 3, Data: 'thumbs_up' } }],
    },
    {
      FromAccount: 'shannon@qq.com',
      FromAccountRole: 2,
      Timestamp: at + 7000,
      MsgBody: [
        {
          MsgType: 'TIMCustomElem',
          MsgContent: {
            Data: '{"src":"22","content":{"header":"Order 1042","desc":"Shipped"}}',
            Desc: '',
            Ext: '',
          },
        },
      ],
    },
    {
      FromAccount: 'system',
      FromAccountRole: 3,
      Timestamp: at + 8000,
      MsgBody: [
        {
          MsgType: 'TIMCustomElem',
          MsgContent: { Data: 'session_transferred', Desc: 'Transferred to Billing' },
        },
      ],
    },
    {
      FromAccount: 'shannon@qq.com',
      FromAccountRole: 2,
      Timestamp: at + 9000,
      MsgBody: [
        {
          MsgType: 'TIMRelayElem',
          MsgContent: {
            Title: 'Chat history of 8618655061639',
            MsgNum: 2,
            MsgList: [
              {
                From_Account: '8618655061639',
                MsgTimeStamp: 1763632000,
                MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'earlier question' } }],
              },
              {
                From_Account: 'lulu@qq.com',
                MsgTimeStamp: 1763632060,
                MsgBody: [
                  {
                    MsgType: 'TIMRelayElem',
                    MsgContent: {
                      Title: 'Older',
                      MsgNum: 1,
                      MsgList: [
                        {
                          From_Account: 'a@qq.com',
                          MsgTimeStamp: 1763631000,
                          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'oldest' } }],
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      FromAccount: '8618655061639',
      FromAccountRole: 1,
      Timestamp: at + 10_000,
      MsgBody: [{ MsgType: 'TIMStreamElem', MsgContent: { Chunk: 1 } }],
    },
  ],
}).Messages;

/** A 5,000-character customer message that tries to ping the channel, link and mention. */
export const hostileMessage: ChatMessage = {
  FromAccount: '8618655061639',
  FromAccountRole: 1,
  Timestamp: at + 11_000,
  MsgBody: [
    {
      MsgType: 'TIMTextElem',
      MsgContent: {
        Text: `<!channel> <@U123> <https://evil.test|click me> & ${'spam '.repeat(1000)}`.slice(0, 5000),
      },
    },
  ],
};
