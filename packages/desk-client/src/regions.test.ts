import { describe, expect, test } from 'vitest';
import { createDeskClient } from './client.ts';
import { DESK_REGION_DOMAINS, type DeskRegion } from './regions.ts';

/** A fetch that answers locally and records the URL: no request leaves the process. */
function capture() {
  const urls: URL[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    urls.push(new URL(input instanceof Request ? input.url : String(input)));
    return new Response(
      '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","SessionId":"s","CurrentState":""}',
      {
        headers: { 'content-type': 'application/json' },
      },
    );
  };
  return { fetch, urls };
}

const base = { sdkAppId: 1400000000, adminUserId: 'administrator', secretKey: 'k' };

describe('region → domain', () => {
  test.each([
    ['china', 'console.tim.qq.com'],
    ['singapore', 'adminapisgp.im.qcloud.com'],
    ['seoul', 'adminapikr.im.qcloud.com'],
    ['frankfurt', 'adminapiger.im.qcloud.com'],
    ['mumbai', 'adminapiind.im.qcloud.com'],
    ['silicon-valley', 'adminapiusa.im.qcloud.com'],
    ['jakarta', 'adminapiidn.im.qcloud.com'],
  ] as const)('%s → https://%s', async (region: DeskRegion, domain) => {
    const { fetch, urls } = capture();
    await createDeskClient({ ...base, region, fetch }).getSessionState({ sessionId: 's' });
    expect(urls[0]?.origin).toBe(`https://${domain}`);
    expect(urls[0]?.pathname).toBe('/v4/desk_http_svc/get_session_state');
    expect(DESK_REGION_DOMAINS[region].domain).toBe(domain);
  });

  test('china is the default; endpoint overrides the region and keeps its path prefix', async () => {
    const { fetch, urls } = capture();
    await createDeskClient({ ...base, fetch }).getSessionState({ sessionId: 's' });
    await createDeskClient({
      ...base,
      fetch,
      region: 'seoul',
      endpoint: 'http://127.0.0.1:9/desk/',
    }).getSessionState({
      sessionId: 's',
    });
    expect(urls.map((u) => `${u.origin}${u.pathname}`)).toEqual([
      'https://console.tim.qq.com/v4/desk_http_svc/get_session_state',
      'http://127.0.0.1:9/desk/v4/desk_http_svc/get_session_state',
    ]);
  });
});
