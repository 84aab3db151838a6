import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced ```` ```ts example ```` block of a package README. */
export interface ReadmeExample {
  /** Folder name under `packages/`, e.g. `ccc-client`. */
  readonly pkg: string;
  /** 1-based line of the opening fence in the README. */
  readonly line: number;
  readonly code: string;
}

const FENCE = /^```ts example\n([\s\S]*?)^```$/gm;

/** The ```` ```ts example ```` blocks of one README text, with the line each starts on. */
export function extractExamples(pkg: string, readme: string): ReadmeExample[] {
  return [...readme.matchAll(FENCE)].map((match) => ({
    pkg,
    line: readme.slice(0, match.index).split('\n').length,
    code: match[1] ?? '',
  }));
}

/** Every package folder under `packagesDir` and the examples of its README (none when it has no README). */
export function readmeExamples(packagesDir: string): Map<string, ReadmeExample[]> {
  const examples = new Map<string, ReadmeExample[]>();
  for (const pkg of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    let readme = '';
    try {
      readme = readFileSync(join(packagesDir, pkg.name, 'README.md'), 'utf8');
    } catch {
      // A package without a README has no examples; the test reports it.
    }
    examples.set(pkg.name, extractExamples(pkg.name, readme));
  }
  return examples;
}
