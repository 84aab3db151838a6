export { isSandboxError, SandboxError, SandboxErrorCode } from './errors.ts';
export type { Sandbox, SandboxOptions } from './sandbox.ts';
export { SANDBOX_CREDENTIALS, startSandbox } from './sandbox.ts';
