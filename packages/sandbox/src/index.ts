export { isSandboxError, SandboxError, SandboxErrorCode } from './errors.ts';
export { type Handler, listen, type RunningServer, sendJson } from './http.ts';
export type { Sandbox, SandboxOptions } from './sandbox.ts';
export { SANDBOX_CREDENTIALS, startSandbox } from './sandbox.ts';
