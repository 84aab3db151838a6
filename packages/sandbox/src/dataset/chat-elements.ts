import type { MsgElement } from '@ccc-kit/schemas';
import type { Random } from './random.ts';

/** Element kinds a message can carry besides text (every type Tencent documents). */
export const RICH_KINDS = ['image', 'file', 'sound', 'video', 'location', 'face', 'custom', 'relay'] as const;
/** One of {@link RICH_KINDS}. */
export type RichKind = (typeof RICH_KINDS)[number];

/** Where the media of the generated chats live (Tencent IM stores them on COS). */
const media = (sdkAppId: number, path: string): string =>
  `https://im-${sdkAppId}.cos.ap-shanghai.myqcloud.com/${path}`;

/** A `TIMTextElem`. */
export const textElem = (Text: string): MsgElement => ({ MsgType: 'TIMTextElem', MsgContent: { Text } });

function imageElem(random: Random, sdkAppId: number): MsgElement {
  const UUID = random.uuid();
  const [width, height] = random.pick([
    [1080, 2340],
    [1920, 1080],
    [800, 600],
  ] as const);
  const size = (type: number, scale: number) => ({
    Type: type,
    Size: Math.round((width * height) / scale / 3),
    Width: Math.round(width / scale),
    Height: Math.round(height / scale),
    URL: media(sdkAppId, `image/${UUID}_${type}.jpg`),
  });
  return {
    MsgType: 'TIMImageElem',
    MsgContent: { UUID, ImageFormat: 1, ImageInfoArray: [size(1, 1), size(2, 2), size(3, 6)] },
  };
}

const FILE_NAMES = ['invoice-2024-10.pdf', 'error-log.txt', '屏幕截图.png', 'contract_v2.docx'];
const PLACES = [
  { Desc: 'Tencent Binhai Building, Shenzhen', Latitude: 22.5226, Longitude: 113.9354 },
  { Desc: '上海市徐汇区漕河泾', Latitude: 31.1688, Longitude: 121.3976 },
  { Desc: 'Marina Bay, Singapore', Latitude: 1.2834, Longitude: 103.8607 },
];

function mediaElem(random: Random, sdkAppId: number, kind: 'file' | 'sound' | 'video'): MsgElement {
  const UUID = random.uuid();
  if (kind === 'file') {
    const FileName = random.pick(FILE_NAMES);
    const Url = media(sdkAppId, `file/${UUID}/${encodeURIComponent(FileName)}`);
    return {
      MsgType: 'TIMFileElem',
      MsgContent: { Url, UUID, FileSize: random.int(2_000, 4_000_000), FileName },
    };
  }
  if (kind === 'sound') {
    const Second = random.int(2, 55);
    const Url = media(sdkAppId, `sound/${UUID}.m4a`);
    return { MsgType: 'TIMSoundElem', MsgContent: { Url, UUID, Size: Second * 4_000, Second } };
  }
  const VideoSecond = random.int(3, 90);
  return {
    MsgType: 'TIMVideoFileElem',
    MsgContent: {
      VideoUrl: media(sdkAppId, `video/${UUID}.mp4`),
      VideoUUID: UUID,
      VideoSize: VideoSecond * 250_000,
      VideoSecond,
      VideoFormat: 'mp4',
      ThumbUrl: media(sdkAppId, `video/${UUID}_thumb.jpg`),
    },
  };
}

/** A forwarded chat history (`TIMRelayElem`) with nested messages, one of them itself a relay. */
function relayElem(random: Random, sdkAppId: number, from: string, before: number, depth = 0): MsgElement {
  const other = random.digits(10);
  const at = before - random.int(3_600, 7 * 86_400);
  const nested = depth === 0 ? [relayElem(random, sdkAppId, other, at, 1)] : [imageElem(random, sdkAppId)];
  const MsgList = [
    {
      From_Account: other,
      To_Account: from,
      MsgTimeStamp: at,
      MsgBody: [textElem('The payment failed again.')],
    },
    {
      From_Account: from,
      To_Account: other,
      MsgTimeStamp: at + 40,
      MsgBody: [textElem('付款截图如下'), ...nested],
    },
  ];
  return {
    MsgType: 'TIMRelayElem',
    MsgContent: {
      Title: depth === 0 ? 'Chat history' : 'Earlier chat history',
      MsgNum: MsgList.length,
      CompatibleText: 'Please upgrade to the latest version to view this forwarded chat.',
      AbstractList: [`${other}: The payment failed again.`, `${from}: 付款截图如下`],
      MsgList,
      JsonMsgKey: '',
    },
  };
}

/**
 * A non-text element of `kind`; `from` is the sender and `at` the message time (Unix s), both used by
 * forwarded histories, whose messages are older.
 */
export function richElem(
  random: Random,
  sdkAppId: number,
  kind: RichKind,
  from: string,
  at: number,
): MsgElement {
  switch (kind) {
    case 'image':
      return imageElem(random, sdkAppId);
    case 'location':
      return { MsgType: 'TIMLocationElem', MsgContent: { ...random.pick(PLACES) } };
    case 'face':
      return {
        MsgType: 'TIMFaceElem',
        MsgContent: { Index: random.int(0, 40), Data: random.pick(['[Smile]', '[ThumbsUp]', 'tt00']) },
      };
    case 'custom': {
      const Data = JSON.stringify({
        businessID: 'order_card',
        orderId: random.digits(10),
        amount: random.int(10, 9999),
      });
      return { MsgType: 'TIMCustomElem', MsgContent: { Data, Desc: 'Order card', Ext: '' } };
    }
    case 'relay':
      return relayElem(random, sdkAppId, from, at);
    default:
      return mediaElem(random, sdkAppId, kind);
  }
}
