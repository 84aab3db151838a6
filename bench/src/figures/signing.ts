import { createRequire } from 'node:module';
import { signTc3 } from '@ccc-kit/ccc-client';
import { genUserSig } from '@ccc-kit/desk-client';
import { comparePaired } from '../harness/measure.ts';
import type { Figure, FigureOutcome, Metric } from '../harness/types.ts';

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
interface OfficialUserSigApi {
  genUserSig(userId: string, expire: number): string;
}

const require = createRequire(import.meta.url);
// The official signers, CommonJS and untyped: the TC3 signer the Node SDK uses inside every client call,
// and Tencent's Node UserSig generator.
const sdkSign = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(input: Sign3Input): string };
  }
).default;
const OfficialUserSig = (
  require('tls-sig-api-v2') as { Api: new (sdkAppId: number, key: string) => OfficialUserSigApi }
).Api;

const INPUTS = 1024;
const MASK = INPUTS - 1;
// Documentation example credentials, not secrets.
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const HOST = 'ccc.tencentcloudapi.com';
const DAY_START = 1_763_769_600; // 2025-11-22T00:00:00Z: every input falls on one UTC day, as a day of calls does.

/** 1,024 distinct DescribeTelCdr bodies and timestamps, the request the reconciler sends most. */
function signingInputs(): { bodies: string[]; buffers: Buffer[]; timestamps: number[] } {
  const bodies = Array.from({ length: INPUTS }, (_, i) =>
    JSON.stringify({
      SdkAppId: 1_400_000_000 + (i % 7),
      StartTimeStamp: DAY_START + i * 60,
      EndTimeStamp: DAY_START + i * 60 + 3_600,
      PageSize: 100,
      PageNumber: i % 13,
    }),
  );
  return {
    bodies,
    // The SDK is given ready bytes, its fastest input (it would otherwise JSON-stringify inside sign3).
    buffers: bodies.map((body) => Buffer.from(body)),
    timestamps: bodies.map((_, i) => DAY_START + 7 * i),
  };
}

function signingMetric(): Metric {
  const { bodies, buffers, timestamps } = signingInputs();
  const result = comparePaired({
    baseline: (i) =>
      sdkSign.sign3({
        method: 'POST',
        url: `https://${HOST}/`,
        payload: buffers[i & MASK] as Buffer,
        timestamp: timestamps[i & MASK] as number,
        service: 'ccc',
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        headers: { 'Content-Type': 'application/json' },
      }),
    product: (i) =>
      signTc3({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        service: 'ccc',
        host: HOST,
        action: 'DescribeTelCdr',
        version: '2020-02-10',
        timestamp: timestamps[i & MASK] as number,
        payload: bodies[i & MASK] as string,
        contentType: 'application/json',
      }).Authorization,
  });
  return opsMetric('TC3 signature of a DescribeTelCdr request', result);
}

function userSigMetrics(): Metric[] {
  const userIds = Array.from({ length: INPUTS }, (_, i) => `agent-${i.toString(36)}@example.com`);
  const sdkAppId = 1_400_000_000;
  const official = new OfficialUserSig(sdkAppId, SECRET_KEY);
  const product = (compress: boolean) => (i: number) =>
    genUserSig({
      sdkAppId,
      secretKey: SECRET_KEY,
      userId: userIds[i & MASK] as string,
      expireSeconds: 86_400,
      compress,
    });
  const baseline = (i: number) => official.genUserSig(userIds[i & MASK] as string, 86_400);
  return [
    opsMetric(
      'UserSig generation (default: stored zlib block)',
      comparePaired({ baseline, product: product(false) }),
    ),
    opsMetric(
      'UserSig generation (compress: true, byte-identical output)',
      comparePaired({ baseline, product: product(true) }),
    ),
  ];
}

function opsMetric(name: string, result: ReturnType<typeof comparePaired>): Metric {
  return {
    name,
    unit: 'ops/s',
    baseline: 1e9 / result.baselineNs,
    product: 1e9 / result.productNs,
    // Operations per second, product over baseline: the inverse of the paired time ratio.
    ratio: 1 / result.timeRatio,
    target: { on: 'ratio', op: '>=', value: 1 },
    note: `median of ${result.runs} runs × ${result.iterations.toLocaleString('en-US')}`,
  };
}

/** Figure 3: our TC3 signer and UserSig generator against Tencent's official Node implementations. */
export const signing: Figure = {
  name: 'signing',
  title: 'Signing: signTc3 vs the official SDK signer; genUserSig vs tls-sig-api-v2',
  baselineLabel: 'tencentcloud-sdk-nodejs-common Sign.sign3 / tls-sig-api-v2 Api.genUserSig',
  productLabel: '@ccc-kit/ccc-client signTc3 / @ccc-kit/desk-client genUserSig',
  async run(context): Promise<FigureOutcome> {
    context.log('signing: TC3 (1,024 distinct requests)');
    const tc3 = signingMetric();
    context.log('signing: UserSig (1,024 distinct user ids)');
    return { status: 'ok', metrics: [tc3, ...userSigMetrics()] };
  },
};
