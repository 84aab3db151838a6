export { MAX_UUI_BYTES } from './call-out.ts';
export { createCccClient } from './client.ts';
export { DEFAULT_CCC_ENDPOINT } from './config.ts';
export type { CccErrorOptions } from './errors.ts';
export { CccClientErrorCode, CccError, isCccError } from './errors.ts';
export { MAX_IM_CDR_PAGE_SIZE } from './im-cdr.ts';
export { DEFAULT_RATE_PER_SECOND } from './rate-limit.ts';
export type { Tc3Canonical, Tc3CanonicalInput, Tc3Headers, Tc3SignInput } from './sign.ts';
export { buildTc3CanonicalRequest, signTc3, tc3SignedHost, utcDate } from './sign.ts';
export { MAX_STAFF_INFO_PAGE_SIZE } from './staff-info.ts';
export { MAX_TEL_CDR_PAGE_SIZE } from './tel-cdr.ts';
export type {
  CccCallOptions,
  CccClient,
  CccClientBaseOptions,
  CccClientOptions,
  CccCredentials,
  CccCredentialsProvider,
  CccLogger,
  CccRateLimitOptions,
  CccRetryOptions,
  CccTime,
  CreateCallOutSessionArgs,
  DescribeCallInMetricsArgs,
  DescribeIMCdrListArgs,
  DescribeSessionDetailArgs,
  DescribeStaffInfoListArgs,
  DescribeStaffStatusMetricsArgs,
  DescribeTelCdrArgs,
  Scheduler,
  SessionArgs,
} from './types.ts';
export { CCC_WINDOW_LIMITS } from './windows.ts';
