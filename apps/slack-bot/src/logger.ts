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
  return {
    debug: (...parts) => bolt.trace(text(parts)),
    info: (...parts) => bolt.info(text(parts)),
    warn: (...parts) => bolt.warn(text(parts)),
    error: (...parts) => bolt.error(text(parts)),
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
