export type { Fault, Faults } from '../faults.ts';
export type { InteractionOptions, SignedRequestResult, SlashCommandOptions } from './app-requests.ts';
export type { SlackEmulator, SlackEmulatorOptions } from './emulator-types.ts';
export { validateMessage } from './message-rules.ts';
export { startSlackEmulator } from './server.ts';
export { signSlackRequest } from './signing.ts';
export type { SlackMessageRecord, SlackRequestRecord, SlackResponseRecord } from './types.ts';
