export type { Fault, Faults } from '../faults.ts';
export type { CccCallOut } from './call-overlay.ts';
export type { CccEmulator, CccEmulatorOptions } from './emulator.ts';
export { startCccEmulator } from './emulator.ts';
