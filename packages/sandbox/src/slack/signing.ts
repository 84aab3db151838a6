import { createHmac } from 'node:crypto';

/** Headers Slack adds to every request it sends to an app. */
export interface SlackSignatureHeaders {
  readonly 'x-slack-request-timestamp': string;
  readonly 'x-slack-signature': string;
}

/** Input of {@link signSlackRequest}. */
export interface SignSlackRequestInput {
  readonly signingSecret: string;
  /** The exact raw body that will be sent. */
  readonly body: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

/**
 * Signs a request body like Slack: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret.
 *
 * @example
 * const headers = signSlackRequest({ signingSecret, body: 'command=%2Fccc', timestamp: 1700000000 });
 * await fetch(url, { method: 'POST', body: 'command=%2Fccc', headers });
 */
export function signSlackRequest(input: SignSlackRequestInput): SlackSignatureHeaders {
  const base = `v0:${input.timestamp}:${input.body}`;
  const digest = createHmac('sha256', input.signingSecret).update(base).digest('hex');
  return { 'x-slack-request-timestamp': String(input.timestamp), 'x-slack-signature': `v0=${digest}` };
}

/**
 * How to break a signed request on purpose: `bad-signature` signs with another secret, `stale-timestamp`
 * signs a timestamp 10 minutes old (Bolt refuses anything older than 5), `missing-headers` sends neither header.
 */
export type SignatureTamper = 'bad-signature' | 'stale-timestamp' | 'missing-headers';

/** How far in the past a `stale-timestamp` request is dated. */
export const STALE_TIMESTAMP_SECONDS = 600;

/** Signature headers for a request, tampered with as asked. */
export function signatureHeaders(
  signingSecret: string,
  body: string,
  timestamp: number,
  tamper: SignatureTamper | undefined,
): Record<string, string> {
  if (tamper === 'missing-headers') return {};
  const secret = tamper === 'bad-signature' ? `${signingSecret}-wrong` : signingSecret;
  const at = tamper === 'stale-timestamp' ? timestamp - STALE_TIMESTAMP_SECONDS : timestamp;
  return { ...signSlackRequest({ signingSecret: secret, body, timestamp: at }) };
}
