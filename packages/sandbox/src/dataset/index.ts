export { CALL_COVERAGE_MINIMUM } from './call-plan.ts';
export { CHAT_COVERAGE_MINIMUM } from './chat-plan.ts';
export type { DocumentedCall, DocumentedChat } from './documented.ts';
export { DOCUMENTED_CALLS, DOCUMENTED_CHATS } from './documented.ts';
export { generateDataset } from './generate.ts';
export type { GenerateDatasetOptions } from './options.ts';
export type { DatasetPush, DatasetPushOptions } from './pushes.ts';
export { datasetToPushes } from './pushes.ts';
export type { CallFixture, ChatFixture, Dataset } from './types.ts';
