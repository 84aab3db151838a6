import * as v from 'valibot';
import { list, optNumber, optString } from '../helpers.ts';

const elem = <T extends string, E extends v.ObjectEntries>(type: T, content: E) =>
  v.looseObject({
    MsgType: v.literal(type),
    MsgContent: v.nullish(v.looseObject(content), () => ({}) as never),
  });

const ImageInfo = v.looseObject({
  /** 1 original, 2 large, 3 thumbnail. */
  Type: optNumber(),
  Size: optNumber(),
  Width: optNumber(),
  Height: optNumber(),
  URL: optString(),
});

/** The IM element types Tencent documents, in `MsgBody` order of the docs. */
export const KnownMsgTypes = [
  'TIMTextElem',
  'TIMImageElem',
  'TIMFileElem',
  'TIMSoundElem',
  'TIMVideoFileElem',
  'TIMLocationElem',
  'TIMFaceElem',
  'TIMCustomElem',
  'TIMRelayElem',
] as const;

const TextElem = elem('TIMTextElem', { Text: optString() });
const ImageElem = elem('TIMImageElem', {
  UUID: optString(),
  ImageFormat: optNumber(),
  ImageInfoArray: list(ImageInfo),
});
const FileElem = elem('TIMFileElem', {
  Url: optString(),
  UUID: optString(),
  FileSize: optNumber(),
  FileName: optString(),
});
const SoundElem = elem('TIMSoundElem', {
  Url: optString(),
  UUID: optString(),
  Size: optNumber(),
  Second: optNumber(),
});
const VideoElem = elem('TIMVideoFileElem', {
  VideoUrl: optString(),
  VideoUUID: optString(),
  VideoSize: optNumber(),
  VideoSecond: optNumber(),
  VideoFormat: optString(),
  ThumbUrl: optString(),
});
const LocationElem = elem('TIMLocationElem', {
  Desc: optString(),
  Latitude: optNumber(),
  Longitude: optNumber(),
});
const FaceElem = elem('TIMFaceElem', { Index: optNumber(), Data: optString() });
const CustomElem = elem('TIMCustomElem', { Data: optString(), Desc: optString(), Ext: optString() });

/** A message inside a merged/forwarded (relay) message. */
export const RelayedMessage: v.GenericSchema<unknown, RelayedMessageOutput> = v.looseObject({
  From_Account: optString(),
  To_Account: optString(),
  /** Unix seconds. */
  MsgTimeStamp: optNumber(),
  MsgBody: list(v.lazy(() => MsgElement)),
});

const RelayElem = elem('TIMRelayElem', {
  Title: optString(),
  MsgNum: optNumber(),
  CompatibleText: optString(),
  AbstractList: list(v.string()),
  /** Present only when the forwarded messages total ≤ 12 KB; otherwise `JsonMsgKey` is set. */
  MsgList: list(RelayedMessage),
  JsonMsgKey: optString(),
});

/**
 * Explicit fallback for element types this version does not know: they parse (a new Tencent type never
 * breaks a transcript) and become `TIMUnknownElem` with the original type name kept in `OriginalMsgType`.
 */
const UnknownElem = v.pipe(
  v.looseObject({
    MsgType: v.pipe(
      v.string(),
      v.check((t) => !(KnownMsgTypes as readonly string[]).includes(t)),
    ),
    MsgContent: v.optional(v.unknown()),
  }),
  v.transform((e) => ({
    MsgType: 'TIMUnknownElem' as const,
    OriginalMsgType: e.MsgType,
    MsgContent: e.MsgContent,
  })),
);

const ReadableElem = v.variant('MsgType', [
  TextElem,
  ImageElem,
  FileElem,
  SoundElem,
  VideoElem,
  LocationElem,
  FaceElem,
  CustomElem,
  RelayElem,
  UnknownElem,
]);

/**
 * Last resort for an element that cannot be read as its type (a documented type with a wrong field, no
 * `MsgType`, not even an object): it becomes a `TIMUnknownElem` as well, so one odd element reads as an
 * unsupported message instead of failing the whole transcript page. `OriginalMsgType` keeps the type
 * when the element names one (else it is empty).
 */
const UnreadableElem = v.pipe(
  v.unknown(),
  v.transform((element) => {
    const e = (element !== null && typeof element === 'object' ? element : {}) as Record<string, unknown>;
    return {
      MsgType: 'TIMUnknownElem' as const,
      OriginalMsgType: typeof e.MsgType === 'string' ? e.MsgType : '',
      MsgContent: e.MsgContent,
    };
  }),
);

/**
 * One element of a message body (`MsgBody[]`), discriminated by `MsgType`. Never fails: unknown types and
 * unreadable elements become `TIMUnknownElem`.
 */
export const MsgElement: v.GenericSchema<unknown, MsgElementOutput> = v.union([
  ReadableElem,
  UnreadableElem,
]) as unknown as v.GenericSchema<unknown, MsgElementOutput>;

type Out<S extends v.GenericSchema> = v.InferOutput<S>;
/** Output type of {@link MsgElement}. */
export type MsgElementOutput =
  | Out<typeof TextElem>
  | Out<typeof ImageElem>
  | Out<typeof FileElem>
  | Out<typeof SoundElem>
  | Out<typeof VideoElem>
  | Out<typeof LocationElem>
  | Out<typeof FaceElem>
  | Out<typeof CustomElem>
  | Out<typeof RelayElem>
  | Out<typeof UnknownElem>;
/** A relayed message with its nested body. */
export interface RelayedMessageOutput {
  From_Account?: string | null | undefined;
  To_Account?: string | null | undefined;
  MsgTimeStamp?: number | null | undefined;
  MsgBody: MsgElementOutput[];
  [key: string]: unknown;
}
/** Alias of {@link MsgElementOutput}. */
export type MsgElement = MsgElementOutput;
