export type { Fault, Faults } from '../faults.ts';
export type { DeskEmulator, DeskEmulatorOptions } from './emulator.ts';
export { startDeskEmulator } from './emulator.ts';
