import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { USAGE } from './args.ts';

// The docs name commands, variables and files; these tests fail when one of them stops existing.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
/** A document's text, or '' when it is missing (the tests then fail on its content, not at collection). */
const readDoc = (path: string): string => (existsSync(join(ROOT, path)) ? read(path) : '');
const packageJson = (dir: string): { name: string; scripts?: Record<string, string> } =>
  JSON.parse(read(join(dir, 'package.json')));

const WORKSPACES = ['packages', 'apps', 'tools'].flatMap((group) =>
  readdirSync(join(ROOT, group)).map((name) => `${group}/${name}`),
);
const PACKAGE_READMES = readdirSync(join(ROOT, 'packages')).map((name) => `packages/${name}/README.md`);
/** Every document a user follows: the root README, the architecture notes, and each app and package README. */
const DOCS = [
  'README.md',
  'docs/architecture.md',
  'CONTRIBUTING.md',
  'apps/webhook/README.md',
  'apps/slack-bot/README.md',
  'tools/demo/README.md',
  ...PACKAGE_READMES,
];

/** Code spans and fenced code of a Markdown text. */
const codeOf = (markdown: string): string[] => [
  ...[...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? ''),
  ...[...markdown.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? ''),
];

/** `pnpm …` invocations in code, one per command (split at `&&`, `;`, newlines). */
const pnpmCommands = (markdown: string): string[] =>
  codeOf(markdown)
    .flatMap((code) => code.split(/&&|;|\n|\|/))
    .map((part) => part.trim().replace(/^(?:[A-Z_]+=\S*\s+)+/, ''))
    .filter((part) => /^pnpm\s/.test(part));

const ROOT_SCRIPTS = packageJson('.').scripts ?? {};
const BY_NAME = new Map(
  WORKSPACES.filter((dir) => existsSync(join(ROOT, dir, 'package.json'))).map((dir) => [
    packageJson(dir).name,
    dir,
  ]),
);
const PNPM_BUILTINS = new Set(['install', 'add', 'rebuild', 'exec', 'dlx']);

/** Why `command` would not run, or null when it names an existing script. */
function problemWith(command: string): string | null {
  const words = command.split(/\s+/).slice(1);
  const filter = words[0] === '--filter' ? words[1] : undefined;
  const [script] = filter ? words.slice(2) : words;
  if (!script || script.startsWith('-')) return null;
  if (filter) {
    if (filter.includes('<')) return null; // a placeholder such as @ccc-kit/<pkg>
    const dir = BY_NAME.get(filter);
    if (!dir) return `no workspace package ${filter}`;
    return packageJson(dir).scripts?.[script] ? null : `${filter} has no "${script}" script`;
  }
  return ROOT_SCRIPTS[script] || PNPM_BUILTINS.has(script) ? null : `no root script "${script}"`;
}

/** Environment variables documented in an app README's `## Environment` table (checked against env.ts there). */
const envTable = (readme: string): string[] => {
  const section = read(readme).split('## Environment')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1] ?? '');
};
const KNOWN_ENV = new Set([
  ...envTable('apps/webhook/README.md'),
  ...envTable('apps/slack-bot/README.md'),
  // Read by tools rather than the apps: CI mode of the test suites, the registry of `pnpm release`.
  'CI',
  'NPM_CONFIG_REGISTRY',
]);

describe('the root README', () => {
  const readme = read('README.md');

  test('the Quick start is exactly the two commands', () => {
    const quickStart = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
    const [block] = codeOf(quickStart);
    expect(block).toBe('npm install -g pnpm@10.34.9 && pnpm install && pnpm build && pnpm demo\npnpm test\n');
    expect(packageJson('.').scripts?.demo).toBe('node tools/demo/dist/demo.mjs');
  });

  test('every environment variable it names exists in an app', () => {
    const named = [
      ...new Set(codeOf(readme).flatMap((code) => code.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [])),
    ];
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
  });

  test('every `pnpm demo` option it names exists', () => {
    const options = [...readme.matchAll(/pnpm demo((?: --[a-z]+(?: \S+)?)+)/g)].flatMap(
      (m) => m[1]?.match(/--[a-z]+/g) ?? [],
    );
    expect(options.length).toBeGreaterThan(2);
    for (const option of options) expect(USAGE).toContain(`${option} `);
  });
});

describe.each(DOCS)('%s', (doc) => {
  const markdown = readDoc(doc);

  test('exists', () => {
    expect(markdown).not.toBe('');
  });

  test('every pnpm command it shows names an existing script', () => {
    expect(
      pnpmCommands(markdown)
        .map((command) => [command, problemWith(command)])
        .filter(([, p]) => p),
    ).toEqual([]);
  });

  test('every relative link points at an existing file', () => {
    const dir = doc.includes('/') ? doc.slice(0, doc.lastIndexOf('/')) : '.';
    const links = [...markdown.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '');
    const missing = links.filter((link) => !/^[a-z]+:/.test(link) && !existsSync(join(ROOT, dir, link)));
    expect(missing).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  test('every repository path it names exists', () => {
    const paths = [...read('docs/architecture.md').matchAll(/`((?:apps|packages|tools)\/[\w./-]+)`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  test('every environment variable it names exists in an app', () => {
    const named = [...read('docs/architecture.md').matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(named.filter((name) => !KNOWN_ENV.has(name))).toEqual([]);
  });
});

describe.each(PACKAGE_READMES)('%s', (readme) => {
  const markdown = readDoc(readme);
  const name = `@ccc-kit/${readme.split('/')[1]}`;

  test('has the sections every package README has', () => {
    expect(markdown.startsWith(`# ${name}\n`)).toBe(true);
    expect(markdown).toMatch(new RegExp(`pnpm add (-D )?${name}\\b`));
    expect(markdown).toMatch(/^#{2,3} .*Options/m);
    expect(markdown).toMatch(/^#{2,3} .*Errors/m);
    expect(markdown).toContain('```ts example');
  });
});
