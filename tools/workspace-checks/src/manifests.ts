import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './scan.ts';

/** The dependency blocks of a package.json. */
export interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

/** The `packages:` globs of pnpm-workspace.yaml (`packages/*`, `bench`). */
export function workspaceGlobs(): string[] {
  const lines = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8').split('\n');
  const start = lines.indexOf('packages:');
  const globs: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+["']?([^"'\s]+)["']?\s*$/.exec(line);
    if (!item) break;
    globs.push(item[1] ?? '');
  }
  return globs;
}

/** The root manifest and every workspace package's, keyed by folder relative to the root (`.` for the root). */
export function workspaceManifests(): Map<string, Manifest> {
  const dirs = workspaceGlobs().flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(join(ROOT, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${glob.slice(0, -2)}/${entry.name}`)
      : [glob],
  );
  const manifests = new Map<string, Manifest>();
  for (const dir of ['.', ...dirs]) {
    const path = join(ROOT, dir, 'package.json');
    if (existsSync(path)) manifests.set(dir, JSON.parse(readFileSync(path, 'utf8')) as Manifest);
  }
  return manifests;
}

/** Every external dependency (not `workspace:`) of a manifest, with the version range it asks for. */
export function externalDependencies(manifest: Manifest): [name: string, range: string][] {
  const blocks = [
    manifest.dependencies,
    manifest.devDependencies,
    manifest.peerDependencies,
    manifest.optionalDependencies,
  ];
  return blocks
    .flatMap((block) => Object.entries(block ?? {}))
    .filter(([, range]) => !range.startsWith('workspace:'));
}
