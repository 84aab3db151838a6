import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ReadmeExample, readmeExamples } from './readme-examples.ts';

// Every ```ts example block of a package README is written to a file here, type-checked, then run, so the
// examples cannot rot. They import the packages by name, resolved from this package's dependencies.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = fileURLToPath(new URL('../.cache/readme-examples/', import.meta.url));
const EXAMPLES = readmeExamples(join(ROOT, 'packages'));
const ALL = [...EXAMPLES.values()].flat();
const fileOf = (example: ReadmeExample): string => join(OUT, `${example.pkg}-line-${example.line}.ts`);

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const example of ALL) writeFileSync(fileOf(example), example.code);
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

describe('package README examples', () => {
  test.each([...EXAMPLES.keys()])('packages/%s/README.md has a ```ts example block', (pkg) => {
    expect(EXAMPLES.get(pkg)?.length ?? 0).toBeGreaterThan(0);
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

  test.each(ALL.map((example) => [`${example.pkg}/README.md line ${example.line}`, example] as const))(
    '%s runs',
    async (_name, example) => {
      await import(pathToFileURL(fileOf(example)).href);
    },
  );
});
