import { type SafeParseResult, SchemaError, type TolerantParseResult } from '@ccc-kit/schemas';
import { CccClientErrorCode, CccError } from './errors.ts';
import type { CccLogger } from './types.ts';

/**
 * Validates an action's `Response` object with its schema. A mismatch raises `ccc_client_invalid_response`
 * naming every failing path (`Response.TelCdrList.0.Time: …`), so callers never meet a TypeError later.
 */
export function validateResponse<T>(
  action: string,
  response: Readonly<Record<string, unknown>>,
  safeParse: (input: unknown) => SafeParseResult<T>,
): T {
  const result = safeParse(response);
  if (result.ok) return result.value;
  const issues = result.issues.map((issue) => ({
    ...issue,
    path: issue.path ? `Response.${issue.path}` : 'Response',
  }));
  const shown = issues
    .slice(0, 5)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 5 ? `; … ${issues.length - 5} more` : '';
  const requestId = typeof response.RequestId === 'string' ? response.RequestId : undefined;
  throw new CccError(CccClientErrorCode.InvalidResponse, `${action}: invalid response: ${shown}${more}`, {
    action,
    requestId,
    status: 200,
    cause: new SchemaError(`${action} response`, issues),
  });
}

/**
 * Like {@link validateResponse}, for a response parsed tolerantly: fields dropped from the payload are told
 * to `logger` in one warning (the first five, and how many), never with their values.
 */
export function validateTolerantResponse<T>(
  action: string,
  response: Readonly<Record<string, unknown>>,
  safeParse: (input: unknown) => TolerantParseResult<T>,
  logger: CccLogger | undefined,
): T {
  const result = safeParse(response);
  const value = validateResponse(action, response, () => result);
  if (result.ok && result.warnings.length > 0)
    logger?.warn('ccc response fields dropped', {
      action,
      requestId: response.RequestId,
      dropped: result.warnings.length,
      warnings: result.warnings.slice(0, 5),
    });
  return value;
}
