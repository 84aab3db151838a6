export type { AccessOptions } from './access.ts';
export type { BotApp, BotAppOptions } from './app.ts';
export { createBotApp } from './app.ts';
export { USAGE } from './commands/parse.ts';
export type { Env } from './env.ts';
export { ENV_KEYS, formatEnvProblems, loadEnv } from './env.ts';
export { BotError, BotErrorCode, isBotError } from './errors.ts';
export type { BotLogger } from './logger.ts';
export { createLogger } from './logger.ts';
