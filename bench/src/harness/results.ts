import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { FigureResult } from './types.ts';

/** The machine and code a run measured; written with every result file. */
export interface RunInfo {
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `git rev-parse HEAD`, and whether the working tree had uncommitted changes. */
  readonly commit: string;
  readonly dirty: boolean;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  /** `os.cpus()` without the time counters. */
  readonly cpus: readonly { readonly model: string; readonly speedMHz: number }[];
  readonly totalMemoryMB: number;
  /** 1, 5 and 15 minute load averages at the end of the run: a busy machine makes noisy numbers. */
  readonly loadAverage: readonly number[];
  /** Whether servers and the load generator were pinned to different cores. */
  readonly pinned: boolean;
  /** Versions of the measured packages and of the baselines. */
  readonly packages: Readonly<Record<string, string>>;
}

/** Shape of `bench/results/latest.json`. */
export interface ResultsFile {
  readonly schemaVersion: 1;
  readonly run: RunInfo;
  /** By figure name. A partial run (`pnpm bench <name>`) replaces only the figures it ran. */
  readonly figures: Readonly<Record<string, FigureResult>>;
}

/** Commit and dirty flag of the repository at `root` (`unknown` outside git). */
export function gitState(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
    });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

/** Reads `version` from `<dir>/node_modules/<name>/package.json` for the first dir that has it. */
export function packageVersions(names: readonly string[], dirs: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, 'node_modules', name, 'package.json');
      if (!existsSync(file)) continue;
      versions[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
      break;
    }
  }
  return versions;
}

/** Describes this machine and checkout. */
export function collectRunInfo(input: {
  root: string;
  startedAt: Date;
  pinned: boolean;
  packages: Record<string, string>;
}): RunInfo {
  return {
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    ...gitState(input.root),
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpus: os.cpus().map((cpu) => ({ model: cpu.model, speedMHz: cpu.speed })),
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    pinned: input.pinned,
    packages: input.packages,
  };
}

/** The previous results, when the file exists and has this shape's version; otherwise undefined. */
export function readResults(file: string): ResultsFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
    return parsed.schemaVersion === 1 && parsed.figures ? (parsed as ResultsFile) : undefined;
  } catch {
    return undefined;
  }
}

/** Merges this run's figures over the previous ones, keeping the previous order and adding new ones last. */
export function mergeResults(
  previous: ResultsFile | undefined,
  run: RunInfo,
  figures: readonly FigureResult[],
  order: readonly string[],
): ResultsFile {
  const merged: Record<string, FigureResult> = { ...previous?.figures };
  for (const figure of figures) merged[figure.name] = figure;
  const names = Object.keys(merged).sort((a, b) => rank(order, a) - rank(order, b));
  const figuresByName: Record<string, FigureResult> = {};
  for (const name of names) figuresByName[name] = merged[name] as FigureResult;
  return { schemaVersion: 1, run, figures: figuresByName };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** Writes the file atomically (a crash mid-write never leaves half a JSON document). */
export function writeResults(file: string, results: ResultsFile): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, file);
}
