import { repairedSamples } from '@ccc-kit/schemas/fixtures';
import { afterEach, describe, expect, test } from 'vitest';
import { type Harness, PUSH_PASSWORD, PUSH_USER, startHarness } from '../test-utils/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const TOKEN = 'auth-test-push-token-4f1c9a';
const METRICS_TOKEN = 'auth-test-metrics-token-77d2';
const credentials = Buffer.from(`${PUSH_USER}:${PUSH_PASSWORD}`).toString('base64');
let sessions = 0;
/** Posts a valid CDR of its own session (so every accepted push is `stored`, not a duplicate). */
const push = (url: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(url, {
    method: 'POST',
    body:
      body ?? JSON.stringify({ ...JSON.parse(repairedSamples.cdrPushSeed), SessionId: `auth-${++sessions}` }),
    headers: { 'content-type': 'application/json;charset=utf8', ...headers },
  });

describe('authentication schemes are case-insensitive', () => {
  test('Basic in any case is accepted for pushes, a wrong password in any case is not; Bearer for /metrics too', async () => {
    harness = await startHarness({ config: { metricsToken: METRICS_TOKEN } });
    const url = `${harness.pushUrl}?action=cdr&version=1`;
    const accepted = await Promise.all(
      ['Basic', 'basic', 'BASIC', 'bAsIc'].map((scheme) =>
        push(url, { authorization: `${scheme} ${credentials}` }),
      ),
    );
    expect(await Promise.all(accepted.map((r) => r.json()))).toEqual(
      accepted.map(() => ({ ErrCode: 0, ErrMsg: '' })),
    );
    const wrong = Buffer.from(`${PUSH_USER}:not-the-password`).toString('base64');
    const refused = await Promise.all(
      ['basic', 'BASIC', 'Basicx', 'Bearer'].map((scheme) =>
        push(url, {
          authorization: `${scheme} ${scheme === 'Basicx' || scheme === 'Bearer' ? credentials : wrong}`,
        }),
      ),
    );
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const metrics = await Promise.all(
      ['Bearer', 'bearer', 'BEARER'].map((scheme) =>
        fetch(`${harness?.webhook.url}/metrics`, {
          headers: { authorization: `${scheme} ${METRICS_TOKEN}` },
        }),
      ),
    );
    expect(metrics.map((r) => r.status)).toEqual([200, 200, 200]);
    const wrongMetrics = await fetch(`${harness.webhook.url}/metrics`, {
      headers: { authorization: `bearer ${METRICS_TOKEN}x` },
    });
    expect(wrongMetrics.status).toBe(401);
  });

  test('Bearer in any case carries the push token; the token query parameter is read decoded and masked decoded', async () => {
    harness = await startHarness({ config: { auth: { mode: 'token', token: TOKEN } } });
    const base = `${harness.pushUrl}?action=cdr&version=1`;
    const accepted = await Promise.all([
      push(base, { authorization: `Bearer ${TOKEN}` }),
      push(base, { authorization: `bearer ${TOKEN}` }),
      push(base, { authorization: `BEARER ${TOKEN}` }),
      push(`${base}&token=${TOKEN}`),
      push(`${base}&tok%65n=${TOKEN}`),
    ]);
    expect(accepted.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = await Promise.all([
      push(base, { authorization: `bearer ${TOKEN}x` }),
      push(`${base}&tok%65n=wrong-token-wrong-token`),
      // The name is read as URLSearchParams reads it: case-sensitive, as before.
      push(`${base}&TOKEN=${TOKEN}`),
    ]);
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401]);

    // Valid token, invalid body: the quarantined query keeps every name as sent and no token value.
    const invalid = await Promise.all([
      push(`${base}&tok%65n=${TOKEN}`, {}, '{"SessionId": 1}'),
      push(`${base}&%74oken=${TOKEN}&token=${TOKEN}`, {}, '{"SessionId": 2}'),
      push(`${base}&TOKEN=${TOKEN}`, { authorization: `bearer ${TOKEN}` }, '{"SessionId": 3}'),
    ]);
    expect(invalid.map((r) => r.status)).toEqual([400, 400, 400]);
    const queries = (await harness.webhook.store.listQuarantine()).map((row) => row.query).sort();
    expect(queries).toEqual(
      [
        'action=cdr&version=1&tok%65n=***',
        'action=cdr&version=1&%74oken=***&token=***',
        'action=cdr&version=1&TOKEN=***',
      ].sort(),
    );
    expect(queries.join(' ')).not.toContain(TOKEN);
  });
});
