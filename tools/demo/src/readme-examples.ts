import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** Path of the Markdown file, relative to the repository root (`packages/ccc-client/README.md`). */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string, e.g. `ts example`, `sh illustration`, `mermaid`; empty when there is none. */
  readonly info: string;
  readonly code: string;
}

/** What the docs test does with a block, decided by its info string. */
export type BlockRole = 'run' | 'walkthrough' | 'illustration' | 'diagram' | 'unmarked';

const FENCE = /^```([^\n`]*)\n([\s\S]*?)^```$/gm;

/** Every fenced block of one Markdown text, with the line each starts on. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  return [...markdown.matchAll(FENCE)].map((match) => ({
    file,
    line: markdown.slice(0, match.index).split('\n').length,
    info: (match[1] ?? '').trim(),
    code: match[2] ?? '',
  }));
}

/**
 * `ts example` blocks are type-checked and run; `sh walkthrough` blocks are run command by command (the
 * README's sandbox walkthrough: walkthrough.test.ts); a block is shown without running only when its info
 * string says so (`illustration`), so nothing can rot unnoticed; mermaid diagrams are pictures, not code.
 */
export function roleOf(block: CodeBlock): BlockRole {
  const words = block.info.split(/\s+/);
  if (words[0] === 'ts' && words.includes('example')) return 'run';
  if (words.includes('walkthrough')) return 'walkthrough';
  if (words.includes('illustration')) return 'illustration';
  if (words[0] === 'mermaid') return 'diagram';
  return 'unmarked';
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.cache', '.git', '.turbo', 'results']);

/** Every Markdown file of the repository except changelogs (generated) and build or install output. */
export function markdownFiles(root: string, dir: string = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...markdownFiles(root, join(dir, entry.name)));
    } else if (entry.name.endsWith('.md') && entry.name !== 'CHANGELOG.md') {
      files.push(relative(root, join(dir, entry.name)));
    }
  }
  return files.sort();
}

/** The code blocks of every Markdown file under `root`. */
export function repositoryCodeBlocks(root: string): CodeBlock[] {
  return markdownFiles(root).flatMap((file) => codeBlocks(file, readFileSync(join(root, file), 'utf8')));
}

/** Folder names under `packages/` (each must have at least one runnable README example). */
export function packageNames(root: string): string[] {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
