import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import { type ApiFailure, fail } from './api-error.ts';

/** The API version the emulator serves. */
export const CCC_API_VERSION = '2020-02-10';

/** Method, action, version and content type checks that come after authentication. */
export function checkRequestShape(req: IncomingMessage, action: string): ApiFailure | undefined {
  if (req.method !== 'POST') return fail('UnsupportedProtocol', 'The emulator accepts POST requests only.');
  if (!action) return fail('MissingParameter', 'The request is missing the X-TC-Action header.');
  const version = firstHeader(req, 'x-tc-version');
  if (!version) return fail('MissingParameter', 'The request is missing the X-TC-Version header.');
  if (version !== CCC_API_VERSION)
    return fail('NoSuchVersion', `The API version \`${version}\` does not exist.`);
  if (!/^application\/json\b/i.test(firstHeader(req, 'content-type') ?? '')) {
    return fail('InvalidParameter', 'The emulator accepts application/json bodies only.');
  }
  return undefined;
}

/** The first value of a request header. */
export function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The raw query string of a request (what TC3 signs), without `?`. */
export const queryOf = (req: IncomingMessage): string => {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  return mark < 0 ? '' : url.slice(mark + 1);
};

/** The answer for any path other than `/`. */
export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not_found', message: 'CCC API 3.0 is served on POST /' });
}
