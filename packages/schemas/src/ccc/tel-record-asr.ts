import * as v from 'valibot';
import { list, optNumber, optString, parser, safeParser } from '../helpers.ts';

/** DescribeTelRecordAsr request. */
export const DescribeTelRecordAsrRequest = v.object({ SdkAppId: v.number(), SessionId: v.string() });
/** Output type of {@link DescribeTelRecordAsrRequest}. */
export type DescribeTelRecordAsrRequest = v.InferOutput<typeof DescribeTelRecordAsrRequest>;

/** One recognised sentence of a call recording. */
export const AsrData = v.looseObject({
  /** Speaker: the agent account or the customer's number. */
  User: optString(),
  /** The sentence. */
  Message: optString(),
  /** Deprecated. */
  Timestamp: optNumber(),
  /** Sentence start, Unix milliseconds. */
  Start: optNumber(),
  /** Sentence end, Unix milliseconds. */
  End: optNumber(),
});
/** Output type of {@link AsrData}. */
export type AsrData = v.InferOutput<typeof AsrData>;

/** DescribeTelRecordAsr `Response`. */
export const DescribeTelRecordAsrResponse = v.looseObject({
  AsrDataList: list(AsrData),
  RequestId: v.string(),
});
/** Output type of {@link DescribeTelRecordAsrResponse}. */
export type DescribeTelRecordAsrResponse = v.InferOutput<typeof DescribeTelRecordAsrResponse>;

/** Parses a DescribeTelRecordAsr `Response`, throwing `SchemaError`. */
export const parseDescribeTelRecordAsrResponse = parser(
  DescribeTelRecordAsrResponse,
  'DescribeTelRecordAsr response',
);
/** Parses a DescribeTelRecordAsr `Response` into a result value. */
export const safeParseDescribeTelRecordAsrResponse = safeParser(DescribeTelRecordAsrResponse);
