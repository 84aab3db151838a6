import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalRegistry, startRegistry } from './registry.ts';
import { run } from './run.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PUBLISHED = [
  'schemas',
  'timers',
  'ccc-client',
  'desk-client',
  'cdr-parser',
  'slack-blocks',
  'stats',
  'sandbox',
];
/** Files a tarball may hold besides dist, README, LICENSE and package.json: the chart fonts of stats. */
const EXTRA_FILES: Record<string, RegExp> = {
  stats: /^fonts\/(NotoSansSC-Regular-(latin|subset)\.ttf|OFL\.txt|README\.md)$/,
};
const upstream = process.env.npm_config_registry ?? 'https://registry.npmjs.org/';

let registry: LocalRegistry;
let work: string;
let clone: string;

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(join(clone, 'packages', pkg, 'package.json'), 'utf8')) as { version: string })
    .version;

const published = async (pkg: string): Promise<string[]> => {
  const response = await fetch(`${registry.url}@ccc-kit%2f${pkg}`, {
    headers: { authorization: `Bearer ${registry.token}` },
  });
  if (response.status === 404) return [];
  return Object.keys(((await response.json()) as { versions: Record<string, unknown> }).versions).sort();
};

const changeset = (name: string, bumps: Record<string, string>, summary: string): void => {
  const header = Object.entries(bumps).map(([pkg, bump]) => `"@ccc-kit/${pkg}": ${bump}`);
  writeFileSync(join(clone, '.changeset', `${name}.md`), `---\n${header.join('\n')}\n---\n\n${summary}\n`);
};

/** Runs a command with npm/pnpm pointed at the local registry only (never the upstream one). */
const local = (command: string, args: readonly string[], cwd: string, timeoutMs = 300_000) =>
  run(command, args, {
    cwd,
    env: { npm_config_registry: registry.url, TURBO_TELEMETRY_DISABLED: '1', CI: 'true' },
    timeoutMs,
    isolateNpmConfig: true,
  });

const pnpm = (args: string[], cwd = clone) => local('pnpm', args, cwd);

beforeAll(async () => {
  registry = await startRegistry(upstream);
  work = mkdtempSync(join(tmpdir(), 'ccc-release-'));
  clone = join(work, 'repo');
  await run('git', ['clone', '--quiet', '--depth', '1', `file://${repoRoot}`, clone], { cwd: work });
  writeFileSync(join(clone, '.npmrc'), registry.npmrc);
  // Only the published packages and the root tooling: the apps' native addons are not needed to release.
  await pnpm(['install', '--offline', '--frozen-lockfile', '--filter', '.', '--filter', './packages/*']);
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('release flow (changesets → local registry → a fresh consumer)', () => {
  test('the first release publishes every package at 0.1.0 with real dependency ranges', async () => {
    changeset('first-release', Object.fromEntries(PUBLISHED.map((p) => [p, 'minor'])), 'First release.');
    await pnpm(['version-packages']);
    for (const pkg of PUBLISHED) {
      expect(versionOf(pkg)).toBe('0.1.0');
      expect(readFileSync(join(clone, 'packages', pkg, 'CHANGELOG.md'), 'utf8')).toContain('## 0.1.0');
    }
    await pnpm(['release']);
    for (const pkg of PUBLISHED) expect(await published(pkg)).toEqual(['0.1.0']);

    const manifest = (await (
      await fetch(`${registry.url}@ccc-kit%2fcdr-parser`, {
        headers: { authorization: `Bearer ${registry.token}` },
      })
    ).json()) as {
      versions: Record<string, { dependencies: Record<string, string>; engines: unknown; exports: unknown }>;
    };
    const v010 = manifest.versions['0.1.0'];
    expect(v010?.dependencies['@ccc-kit/schemas']).toBe('^0.1.0');
    expect(JSON.stringify(v010)).not.toContain('workspace:');
    expect(v010?.engines).toEqual({ node: '>=20.19' });
  }, 300_000);

  test('every tarball holds only dist, README, LICENSE, package.json (and the chart fonts), and resolves for Node ESM', async () => {
    for (const pkg of PUBLISHED) {
      const dir = join(clone, 'packages', pkg);
      const { stdout } = await local('npm', ['pack', '--dry-run', '--json'], dir);
      const files =
        (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
      const extra = EXTRA_FILES[pkg] ?? /^$/;
      const unexpected = files.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f));
      expect(unexpected.filter((f) => !extra.test(f))).toEqual([]);
      expect(files).toEqual(
        expect.arrayContaining([
          'README.md',
          'LICENSE',
          'package.json',
          'dist/index.mjs',
          'dist/index.d.mts',
        ]),
      );
      const attw = join(repoRoot, 'tools/e2e/node_modules/.bin/attw');
      await local(attw, ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], dir);
    }
  }, 300_000);

  test('a fresh project outside the workspace installs, runs and type-checks the packages', async () => {
    const consumer = join(work, 'consumer');
    cpSync(join(repoRoot, 'tools/e2e/consumer'), consumer, { recursive: true });
    writeFileSync(join(consumer, '.npmrc'), registry.npmrc);
    // One retry: the install goes through verdaccio to the upstream registry, which can hiccup under load.
    const install = () =>
      local(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '@ccc-kit/ccc-client@0.1.0',
          '@ccc-kit/cdr-parser@0.1.0',
          '@ccc-kit/sandbox@0.1.0',
          '@ccc-kit/stats@0.1.0',
          'typescript@6.0.3',
          '@types/node@20.19.43',
        ],
        consumer,
      );
    await install()
      .catch(install)
      .catch((error: unknown) => {
        const log = existsSync(registry.logFile) ? readFileSync(registry.logFile, 'utf8').slice(-4000) : '';
        throw new Error(`${(error as Error).message}\n--- verdaccio log ---\n${log}`);
      });
    const { stdout } = await run(process.execPath, ['index.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toMatchObject({
      signed: true,
      calls: expect.any(Number),
      outcome: 'not_answered',
      // The chart's Chinese label needs the CJK font: it is drawn only if the tarball shipped it.
      chart: { png: true, fonts: ['NotoSansSC-Regular-latin.ttf', 'NotoSansSC-Regular-subset.ttf'] },
    });
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], {
      cwd: consumer,
    });
  }, 300_000);

  test('a second release bumps only the changed package and its dependents', async () => {
    // A minor change of cdr-parser leaves the `^0.1.0` range its dependents slack-blocks and stats declare,
    // so they are released too (with the new range); packages that do not depend on it stay put.
    changeset('parser-feature', { 'cdr-parser': 'minor' }, 'Add a parser option.');
    await pnpm(['version-packages']);
    expect(Object.fromEntries(PUBLISHED.map((p) => [p, versionOf(p)]))).toEqual({
      schemas: '0.1.0',
      timers: '0.1.0',
      'ccc-client': '0.1.0',
      'desk-client': '0.1.0',
      'cdr-parser': '0.2.0',
      'slack-blocks': '0.1.1',
      stats: '0.1.1',
      sandbox: '0.1.0',
    });
    await pnpm(['release']);
    expect(await published('cdr-parser')).toEqual(['0.1.0', '0.2.0']);
    expect(await published('slack-blocks')).toEqual(['0.1.0', '0.1.1']);
    expect(await published('stats')).toEqual(['0.1.0', '0.1.1']);
    expect(await published('schemas')).toEqual(['0.1.0']);
  }, 300_000);
});
