import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from './scan.ts';

const IMPORT = /(?:import|export)(\s+type\b)?[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

/** The specifiers a source text imports at run time (`import type` is erased, so it is left out). */
export function runtimeImports(text: string): string[] {
  return [...text.matchAll(IMPORT)]
    .filter((match) => match[1] === undefined)
    .map((match) => match[2] ?? match[3] ?? '')
    .filter((specifier) => specifier !== '');
}

const firstExisting = (candidates: readonly string[]): string | undefined =>
  candidates.find((path) => existsSync(join(ROOT, path)));

/**
 * The source file behind a specifier, relative to the root: a relative import as written, or a workspace
 * package's subpath by this repository's convention (`@ccc-kit/sandbox/ccc` is `src/ccc/index.ts`,
 * `@ccc-kit/webhook/app` is `src/app.ts`, the package itself is `src/index.ts`). Undefined for npm
 * packages and built-ins.
 */
export function sourceOf(
  from: string,
  specifier: string,
  packageDirs: ReadonlyMap<string, string>,
): string | undefined {
  if (specifier.startsWith('.')) {
    const path = relative(ROOT, resolve(ROOT, dirname(from), specifier))
      .split(sep)
      .join('/');
    return firstExisting([path, `${path}.ts`, `${path}/index.ts`]);
  }
  const match = /^(@ccc-kit\/[^/]+)(?:\/(.+))?$/.exec(specifier);
  const dir = match?.[1] === undefined ? undefined : packageDirs.get(match[1]);
  if (dir === undefined) return undefined;
  const sub = match?.[2];
  return sub === undefined
    ? firstExisting([`${dir}/src/index.ts`])
    : firstExisting([`${dir}/src/${sub}.ts`, `${dir}/src/${sub}/index.ts`]);
}

/**
 * `files` and every source file they load at run time, across workspace packages: what a test task
 * executes, so what it can read from the environment.
 */
export function reachableFiles(files: readonly string[], packageDirs: ReadonlyMap<string, string>): string[] {
  const seen = new Set(files);
  const pending = [...files];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const specifier of runtimeImports(readFileSync(join(ROOT, file), 'utf8'))) {
      const target = sourceOf(file, specifier, packageDirs);
      if (target !== undefined && !seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
    }
  }
  return [...seen].sort();
}
