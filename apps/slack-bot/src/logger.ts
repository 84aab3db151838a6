import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/** The structured logger every part of the bot takes (pino). */
export type BotLogger = Logger;

// Belt and braces: nothing logs these on purpose, but a stray object must not leak a credential.
const REDACT = [
  'token',
  '*.token',
  'secretKey',
  '*.secretKey',
  'signingSecret',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'url',
  '*.url',
];

/**
 * Creates the JSON logger of the bot (stdout by default), redacting credential-looking fields and URLs
 * (recording links are signed and must not end up in log storage).
 *
 * @example
 * const logger = createLogger('info');
 */
export function createLogger(level: string, destination?: DestinationStream): BotLogger {
  const options: LoggerOptions = {
    level,
    base: { app: 'slack-bot' },
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

const text = (parts: readonly unknown[]): string =>
  parts
    .map((part) =>
      typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part),
    )
    .join(' ');

/**
 * Adapts the pino logger to Bolt's `Logger` interface, so Bolt's own messages are structured too. Bolt and
 * WebClient debug output (request bodies, e.g. transcript uploads) only shows at `trace`.
 */
export function toBoltLogger(logger: BotLogger): BoltLogger {
  const bolt = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  // Bolt logs several debug lines per request, some with whole payloads: format only what will be written
  // (formatting them eagerly showed up as extra ack latency in the slash-command benchmark).
  const at =
    (method: 'trace' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      if (bolt.isLevelEnabled(method)) bolt[method](text(parts));
    };
  return {
    debug: at('trace'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** The `{ debug(message, fields), warn(message, fields) }` sink the Tencent clients take. */
export interface ClientLogger {
  debug(message: string, fields: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Adapts the pino logger to the Tencent clients' logger shape (fields first in pino). */
export function toClientLogger(logger: BotLogger, component: string): ClientLogger {
  const child = logger.child({ component });
  return {
    debug: (message, fields) => child.debug({ ...fields }, message),
    warn: (message, fields) => child.warn({ ...fields }, message),
  };
}
