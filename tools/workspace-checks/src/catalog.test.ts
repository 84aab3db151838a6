import { expect, test } from 'vitest';
import { externalDependencies, workspaceManifests } from './manifests.ts';

// sherif (in `pnpm test`) checks that a dependency has one version across the workspace; this checks where
// that version lives: a dependency of two or more packages takes it from the `catalog:` of
// pnpm-workspace.yaml, so an upgrade is one line and no package can lag behind.

const manifests = workspaceManifests();

test('the scan sees the workspace (guards against an empty walk passing the check below)', () => {
  expect([...manifests.keys()]).toEqual(
    expect.arrayContaining(['.', 'packages/schemas', 'apps/webhook', 'tools/e2e', 'bench']),
  );
});

test('every dependency used by two or more workspace packages takes its version from the catalog', () => {
  const users = new Map<string, { dir: string; range: string }[]>();
  for (const [dir, manifest] of manifests) {
    for (const [name, range] of externalDependencies(manifest)) {
      users.set(name, [...(users.get(name) ?? []), { dir, range }]);
    }
  }
  const pinned = [...users]
    .filter(([, uses]) => new Set(uses.map((use) => use.dir)).size >= 2)
    .flatMap(([name, uses]) =>
      uses.filter((use) => use.range !== 'catalog:').map((use) => `${use.dir}: ${name}@${use.range}`),
    );
  expect(pinned).toEqual([]);
});
