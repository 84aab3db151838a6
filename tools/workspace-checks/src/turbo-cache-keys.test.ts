import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type DryTask, declaredEnv, turboDryRun } from './dry-run.ts';
import { reachableFiles } from './imports.ts';
import { envReads, fromTaskInput, markdownFiles, pathReads, ROOT, sourceFiles } from './scan.ts';

// Turbo replays a cached result whenever a task's hash is unchanged, and in strict mode a task sees only the
// environment variables turbo.json names. These checks derive from the code what each task reads (root files
// its configs import, files its tests open, variables it reads) and fail when turbo would not hash it: a
// forgotten input would otherwise replay a stale pass, and a forgotten variable would silently not apply.

const dry = await turboDryRun(['build', 'typecheck', 'test']);
const workspace = new Map(dry.tasks.filter((t) => t.package !== '//').map((t) => [t.package, t.directory]));
const packageDirs = [...new Set(workspace.values())].sort();

const taskOf = (directory: string, name: string): DryTask => {
  const found = dry.tasks.find((t) => t.directory === directory && t.task === name);
  if (!found) throw new Error(`turbo has no ${name} task for ${directory}`);
  return found;
};
/**
 * Root-relative paths among `files` that turbo does not hash for the task: neither among its own inputs nor
 * among those of a task it depends on (a dependency's hash is part of the task's, so the demo reading the
 * webhook's example routes is covered by `@ccc-kit/webhook#build`), nor in the `dist` of a package whose
 * build it depends on.
 */
const notHashed = (task: DryTask, files: readonly string[]): string[] => {
  const hashed = new Set<string>();
  const built = new Set<string>();
  const pending = [task.taskId];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const current = dry.tasks.find((t) => t.taskId === id);
    if (!current) throw new Error(`turbo lists ${id} as a dependency but not as a task`);
    for (const input of Object.keys(current.inputs)) hashed.add(fromTaskInput(current.directory, input));
    if (current.task === 'build' && current !== task) built.add(`${current.directory}/dist/`);
    pending.push(...current.dependencies);
  }
  return files.filter((file) => !hashed.has(file) && ![...built].some((dist) => file.startsWith(dist)));
};
const outside = (directory: string, files: readonly string[]): string[] =>
  files.filter((file) => !file.startsWith(`${directory}/`));

/** Always passed by turbo itself, whatever turbo.json says. */
const TURBO_DEFAULT_PASS_THROUGH = ['PATH'];

/** Variables that change what a test observes, so a cached result must not be replayed across values. */
const MUST_BE_HASHED = ['CI', 'WEBHOOK_TEST_DATABASE_URL', 'RELIABILITY_FULL'];

test('turbo runs in strict env mode, so a variable missing from turbo.json never reaches a task', () => {
  expect(dry.envMode).toBe('strict');
  expect(packageDirs).toEqual(expect.arrayContaining(['apps/webhook', 'packages/schemas', 'tools/demo']));
});

test('every task hashes the root files that all of them read', () => {
  expect(Object.keys(dry.globalCacheInputs.files)).toEqual(
    expect.arrayContaining(['tsconfig.base.json', 'pnpm-workspace.yaml']),
  );
});

describe.each(packageDirs)('%s', (directory) => {
  test('build and test hash the root files their tsdown and vitest configs import', () => {
    for (const [name, config] of [
      ['build', 'tsdown.config.ts'],
      ['test', 'vitest.config.ts'],
    ] as const) {
      const path = join(directory, config);
      if (!existsSync(join(ROOT, path))) continue;
      expect({ [name]: notHashed(taskOf(directory, name), outside(directory, pathReads(path))) }).toEqual({
        [name]: [],
      });
    }
  });

  test('test hashes every file outside the package that its sources point at', () => {
    const src = join(directory, 'src');
    const read = existsSync(join(ROOT, src)) ? sourceFiles(src).flatMap((file) => pathReads(file)) : [];
    expect(notHashed(taskOf(directory, 'test'), outside(directory, read))).toEqual([]);
  });

  test('test declares every environment variable its code reads, and hashes those that change results', () => {
    // Its own files and what they load from other packages (the reliability suite reads the test database
    // through `@ccc-kit/webhook/test-utils/postgres`).
    const files = reachableFiles(sourceFiles(directory), workspace);
    const read = [...new Set(files.flatMap((file) => envReads(readFileSync(join(ROOT, file), 'utf8'))))];
    const { hashed, passedThrough } = declaredEnv(dry, taskOf(directory, 'test'));
    const visible = new Set([...hashed, ...passedThrough, ...TURBO_DEFAULT_PASS_THROUGH]);
    expect(read.filter((name) => !visible.has(name))).toEqual([]);
    expect(read.filter((name) => MUST_BE_HASHED.includes(name) && !hashed.includes(name))).toEqual([]);
  });
});

test('the docs test (every Markdown block is run or marked) hashes every Markdown file', () => {
  const files = markdownFiles();
  expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'CONTRIBUTING.md']));
  expect(notHashed(taskOf('tools/demo', 'test'), files)).toEqual([]);
});

test('the release test hashes the changesets configuration it releases a clone with', () => {
  expect(notHashed(taskOf('tools/e2e', 'test'), ['.changeset/config.json'])).toEqual([]);
});
