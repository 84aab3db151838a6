import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing separator. */
export const ROOT: string = fileURLToPath(new URL('../../../', import.meta.url));

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.cache', '.turbo']);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Every source file under `dir` (relative to the root), build and install output left out. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...sourceFiles(path));
    } else if (SOURCE.test(entry.name)) {
      files.push(path);
    }
  }
  return files.sort();
}

/** The environment variables a source text reads by name, as a property of `process.env` or by index. */
export function envReads(text: string): string[] {
  const names = [
    ...text.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g),
    ...text.matchAll(/process\.env\[\s*['"]([^'"]+)['"]\s*\]/g),
  ].map((match) => match[1] ?? '');
  return [...new Set(names)].sort();
}

/**
 * The existing files that quoted path literals in `file` point at, as paths relative to the root: relative
 * ones (`"../../../README.md"`, whether passed to `new URL(…, import.meta.url)`, joined later or imported)
 * and root-relative ones (`join(REPO_ROOT, "docs/example.md")`). Installed packages are left out: the
 * lockfile is in every hash.
 */
export function pathReads(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const literals = [...text.matchAll(/(['"])([\w.@-]*\/[^'"\s]*)\1/g)].map((match) => match[2] ?? '');
  const found = literals
    .map((literal) => resolve(ROOT, literal.startsWith('.') ? dirname(file) : '', literal))
    .filter((path) => path.startsWith(ROOT) && existsSync(path) && statSync(path).isFile())
    .map((path) => relative(ROOT, path).split(sep).join('/'))
    .filter((path) => !path.split('/').includes('node_modules'));
  return [...new Set(found)].sort();
}

/** Markdown files git tracks or would track (changelogs are generated, so left out), relative to the root. */
export function markdownFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.md'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((path) => path !== '' && !path.endsWith('CHANGELOG.md') && existsSync(join(ROOT, path)))
    .sort();
}

/** An input of a task of package `directory` as turbo lists it (`../../README.md`), relative to the root. */
export function fromTaskInput(directory: string, input: string): string {
  return relative(ROOT, join(ROOT, directory, input))
    .split(sep)
    .join('/');
}
