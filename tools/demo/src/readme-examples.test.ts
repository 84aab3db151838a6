import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type CodeBlock, packageNames, repositoryCodeBlocks, roleOf } from './readme-examples.ts';

// Every ```ts example block of every Markdown file is written to a file here, type-checked, then run, so the
// examples cannot rot. They import the packages by name, resolved from this package's dependencies. Every
// other block must say on purpose that it is only shown (```sh illustration).

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = fileURLToPath(new URL('../.cache/readme-examples/', import.meta.url));
const BLOCKS = repositoryCodeBlocks(ROOT);
const EXAMPLES = BLOCKS.filter((block) => roleOf(block) === 'run');
const where = (block: CodeBlock): string => `${block.file} line ${block.line}`;
const fileOf = (block: CodeBlock): string =>
  join(OUT, `${block.file.replace(/\.md$/, '').replaceAll('/', '-')}-line-${block.line}.ts`);

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const example of EXAMPLES) writeFileSync(fileOf(example), example.code);
  const tsconfig = {
    extends: '../../../../tsconfig.base.json',
    include: ['*.ts'],
    compilerOptions: {
      isolatedDeclarations: false,
      declaration: false,
      declarationMap: false,
      incremental: false,
    },
  };
  writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig));
});

describe('README code blocks', () => {
  test('every block is run (```ts example), a diagram, or marked ```<lang> illustration on purpose', () => {
    const unmarked = BLOCKS.filter((block) => roleOf(block) === 'unmarked').map(
      (block) =>
        `${where(block)}: a \`\`\`${block.info || '(no language)'} block is neither run nor marked; make it a \`\`\`ts example or add "illustration" to its info string`,
    );
    expect(unmarked).toEqual([]);
  });

  test('the scan sees the repository (guards against an empty walk passing the check above)', () => {
    const files = new Set(BLOCKS.map((block) => block.file));
    expect(files).toContain('README.md');
    expect(files).toContain('apps/webhook/README.md');
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(packageNames(ROOT).length);
  });

  test.each(packageNames(ROOT))('packages/%s/README.md has a ```ts example block', (pkg) => {
    expect(EXAMPLES.filter((block) => block.file === `packages/${pkg}/README.md`).length).toBeGreaterThan(0);
  });

  test('type-check', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const output = await new Promise<string>((resolve) => {
      execFile(process.execPath, [tsc, '-p', OUT], { cwd: OUT }, (_error, stdout, stderr) =>
        resolve(`${stdout}${stderr}`),
      );
    });
    expect(output).toBe('');
  }, 60_000);

  test.each(EXAMPLES.map((example) => [where(example), example] as const))(
    '%s runs',
    async (_name, example) => {
      await import(pathToFileURL(fileOf(example)).href);
    },
  );
});
