import type { IncomingMessage } from 'node:http';
import type { JsonObject } from './types.ts';

// `@slack/web-api` JSON-encodes every non-scalar argument into one form field.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'metadata', 'file_uploads', 'view']);

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // Left as a string: the method then answers `invalid_blocks_format` or `invalid_arguments`.
    return value;
  }
}

/** Parses a request body into arguments: form-urlencoded, JSON or multipart, as Slack's Web API accepts. */
export async function parseParams(
  req: IncomingMessage,
  body: Buffer,
  query: URLSearchParams,
): Promise<JsonObject> {
  const params: JsonObject = {};
  for (const [key, value] of query) params[key] = decodeField(key, value);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return params;
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) Object.assign(params, parsed);
    return params;
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
    for (const [key, value] of form)
      params[key] =
        typeof value === 'string' ? decodeField(key, value) : Buffer.from(await value.arrayBuffer());
    return params;
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8')))
    params[key] = decodeField(key, value);
  return params;
}

/** A string argument (numbers are stringified, like Slack's form handling). */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A boolean argument: form fields arrive as `'true'`/`'false'`/`'1'`/`'0'`. */
export function asBool(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** An array argument, or undefined when absent (a non-array is returned as is for the validator). */
export const asBlocks = (value: unknown): readonly unknown[] | undefined =>
  Array.isArray(value) ? value : undefined;

/** The bearer token of a request: `Authorization: Bearer …`, else a `token` argument. */
export function bearerToken(req: IncomingMessage, params: JsonObject): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim() ?? asString(params.token);
}
