import { createRequire } from 'node:module';

interface Sign3Input {
  method: string;
  url: string;
  payload: Buffer;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  headers: Record<string, string>;
}

/** The official SDK's TC3 signer (`tencentcloud-sdk-nodejs-common`), the oracle of the emulator tests. */
export const sdkSign: { sign3(input: Sign3Input): string } = createRequire(import.meta.url)(
  'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js',
).default;

/** Per-request overrides, to build tampered or unusual requests. */
export interface CallOverrides {
  readonly timestamp?: number;
  /** Body actually sent, when it must differ from the one signed. */
  readonly sentBody?: string;
  /** Extra or replacing headers sent (not signed). */
  readonly headers?: Record<string, string>;
  readonly secretId?: string;
  readonly secretKey?: string;
}

/** A decoded emulator answer. */
export interface CallAnswer {
  readonly status: number;
  readonly response: Record<string, unknown> & {
    RequestId?: string;
    Error?: { Code: string; Message: string };
  };
}

/** Sends one action to the emulator, signed like the official SDK signs. */
export type SignedCall = (action: string, body: unknown, overrides?: CallOverrides) => Promise<CallAnswer>;

/** Signs with the official SDK signer (service `ccc`) and POSTs to the emulator. */
export function createSignedCaller(
  baseUrl: string,
  credentials: { secretId: string; secretKey: string },
  nowMs: () => number = Date.now,
): SignedCall {
  return async (action, body, overrides = {}) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = overrides.timestamp ?? Math.floor(nowMs() / 1000);
    const secretId = overrides.secretId ?? credentials.secretId;
    const authorization = sdkSign.sign3({
      method: 'POST',
      url: `${baseUrl}/`,
      payload: Buffer.from(payload, 'utf8'),
      timestamp,
      service: 'ccc',
      secretId,
      secretKey: overrides.secretKey ?? credentials.secretKey,
      headers: { 'Content-Type': 'application/json' },
    });
    const res = await fetch(`${baseUrl}/`, {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/json',
        'X-TC-Action': action,
        'X-TC-Version': '2020-02-10',
        'X-TC-Timestamp': String(timestamp),
        ...overrides.headers,
      },
      body: overrides.sentBody ?? payload,
    });
    const json = (await res.json()) as { Response: CallAnswer['response'] };
    return { status: res.status, response: json.Response };
  };
}
