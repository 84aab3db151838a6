import { isCccError } from '@ccc-kit/ccc-client';
import { isDeskError } from '@ccc-kit/desk-client';
import { BotErrorCode, isBotError } from './errors.ts';

/**
 * "No such session": CCC `FailedOperation.SessionNotExists`, Desk 141005 (state) and 141010 (messages), and
 * the bot's own `slack_bot_session_not_found` (a call no record query finds).
 */
export function isSessionNotFound(error: unknown): boolean {
  if (isCccError(error)) return error.code === 'FailedOperation.SessionNotExists';
  if (isDeskError(error)) return error.code === 141005 || error.code === 141010;
  return isBotError(error) && error.code === BotErrorCode.SessionNotFound;
}

/** The loggable facts of a failure: codes and ids, never credentials or links. */
export function describeFailure(error: unknown): Record<string, unknown> {
  if (isCccError(error))
    return {
      source: 'ccc',
      code: error.code,
      action: error.action,
      requestId: error.requestId,
      message: error.message,
    };
  if (isDeskError(error))
    return {
      source: 'desk',
      code: error.code,
      command: error.command,
      status: error.status,
      message: error.message,
    };
  if (isBotError(error)) return { source: 'bot', code: error.code, message: error.message };
  const { name, message } = error instanceof Error ? error : { name: typeof error, message: String(error) };
  return { source: 'unexpected', name, message };
}
