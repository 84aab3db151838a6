import { invalidArgument } from './errors.ts';

/** Data centers of Tencent Chat; an SDKAppID lives in exactly one. */
export type DeskRegion =
  | 'china'
  | 'singapore'
  | 'seoul'
  | 'frankfurt'
  | 'mumbai'
  | 'silicon-valley'
  | 'jakarta';

/** REST domains per region (Tencent Chat "RESTful API Overview"), with the documented backup domain. */
export const DESK_REGION_DOMAINS: Readonly<
  Record<DeskRegion, { readonly domain: string; readonly backup: string }>
> = {
  china: { domain: 'console.tim.qq.com', backup: 'adminapi.my-imcloud.com' },
  singapore: { domain: 'adminapisgp.im.qcloud.com', backup: 'adminapisgp.my-imcloud.com' },
  seoul: { domain: 'adminapikr.im.qcloud.com', backup: 'adminapikr.my-imcloud.com' },
  frankfurt: { domain: 'adminapiger.im.qcloud.com', backup: 'adminapiger.my-imcloud.com' },
  mumbai: { domain: 'adminapiind.im.qcloud.com', backup: 'adminapiind.my-imcloud.com' },
  'silicon-valley': { domain: 'adminapiusa.im.qcloud.com', backup: 'adminapiusa.my-imcloud.com' },
  jakarta: { domain: 'adminapiidn.im.qcloud.com', backup: 'adminapiidn.my-imcloud.com' },
};

/**
 * Base URL (no trailing slash) for a region, or for an explicit `endpoint` (which wins; e.g. the sandbox's
 * `http://127.0.0.1:<port>`). Defaults to `china`, the domain of Tencent's own examples.
 */
export function resolveBaseUrl(region: DeskRegion | undefined, endpoint: string | undefined): string {
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw invalidArgument(`endpoint must be an absolute http(s) URL, got ${JSON.stringify(endpoint)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw invalidArgument(`endpoint must use http or https, got ${url.protocol}`);
    if (url.search || url.hash) throw invalidArgument('endpoint must not have a query or fragment');
    return url.href.replace(/\/+$/, '');
  }
  const name = region ?? 'china';
  if (!Object.hasOwn(DESK_REGION_DOMAINS, name))
    throw invalidArgument(
      `unknown region ${JSON.stringify(name)}; use one of ${Object.keys(DESK_REGION_DOMAINS).join(', ')}`,
    );
  return `https://${DESK_REGION_DOMAINS[name].domain}`;
}
