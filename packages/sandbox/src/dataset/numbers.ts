import type { TelLocation } from '@ccc-kit/schemas';
import { CHINA_OPERATORS, CHINA_PLACES, FOREIGN_PLACES } from './catalog.ts';
import type { Random } from './random.ts';

/** A customer phone number in Tencent's form (`0086…`, `00852…`) and where it is from. */
export interface CustomerNumber {
  readonly number: string;
  /** `TelLocation` of the CDR push. */
  readonly location: TelLocation;
  /** `CallerLocation` text, e.g. `Guangdong Shenzhen`. */
  readonly place: string;
}

/** A random customer: mostly Chinese mobiles, some landlines, some international numbers. */
export function customerNumber(random: Random): CustomerNumber {
  const kind = random.weighted([
    ['mobile', 75],
    ['landline', 10],
    ['foreign', 15],
  ] as const);
  if (kind === 'foreign') {
    const place = random.pick(FOREIGN_PLACES);
    const number = `00${place.code}${random.digits(place.digits)}`;
    const location = { TelNumber: number, Country: place.country, Province: '', City: '', Operator: '' };
    return { number, location, place: place.country };
  }
  const place = random.pick(CHINA_PLACES);
  const carrier = random.pick(CHINA_OPERATORS);
  const number =
    kind === 'mobile'
      ? `0086${random.pick(carrier.prefixes)}${random.digits(8)}`
      : `0086${place.area}${random.int(2, 8)}${random.digits(7)}`;
  const location = {
    TelNumber: number,
    Country: 'China',
    Province: place.province,
    City: place.city,
    Operator: kind === 'mobile' ? carrier.operator : 'telecom',
  };
  return {
    number,
    location,
    place: place.province === place.city ? place.city : `${place.province} ${place.city}`,
  };
}

/** The contact center's own numbers: a 400 hotline (inbound) and a Shenzhen landline (outbound). */
export interface CompanyLines {
  readonly hotline: string;
  readonly outbound: string;
}

/** Draws the company's numbers once per dataset. */
export const companyLines = (random: Random): CompanyLines => ({
  hotline: `0086400${random.int(1, 9)}${random.digits(6)}`,
  outbound: `0086755${random.int(2, 8)}${random.digits(7)}`,
});

/** `YYYY/MM/DD` of a Unix-seconds time (UTC), as Tencent's storage paths use it. */
const day = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().slice(0, 10).replaceAll('-', '/');

/** Links of one recording, as the push (COS link), the API (signed link) and the customer's COS copy. */
export interface RecordingLinks {
  /** `RecordURL` of the `record` push (plain COS link, kept 3 months). */
  readonly pushUrl: string;
  /** `RecordURL` the API returns (signed, valid 24 h). */
  readonly apiUrl: string;
  /** `CustomRecordURL` when the recording is copied to the customer's bucket, else `''`. */
  readonly customUrl: string;
}

/** Builds the links of recording `recordId` made at `at` (Unix s). */
export function recordingLinks(
  random: Random,
  sdkAppId: number,
  recordId: string,
  at: number,
  copied: boolean,
): RecordingLinks {
  return {
    pushUrl: `https://ccc-record-${sdkAppId}.cos.ap-guangzhou.myqcloud.com/${day(at)}/${recordId}.mp3`,
    apiUrl: `https://tccc.qcloud.com/tcccadmin/getRecord/${random.hex(48)}/${recordId}.mp3`,
    customUrl: copied
      ? `https://example-1250000000.cos.ap-guangzhou.tencentcos.cn/record/${day(at)}/${at}_${recordId}.mp3`
      : '',
  };
}

/** A signed ASR text link (recording or voicemail). */
export const asrLink = (random: Random, kind: 'cdr' | 'voicemail'): string =>
  `https://tccc.qcloud.com/tcccadmin/${kind}/getAsrText?key=${random.hex(40)}`;

/** The COS link of a voicemail recording. */
export const voicemailLink = (sdkAppId: number, sessionId: string, at: number): string =>
  `https://ccc-voicemail-${sdkAppId}.cos.ap-shanghai.myqcloud.com/${day(at)}/${sessionId}.mp3`;
