import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { COMMAND_USAGE } from './cli/usage.ts';
import { ENV_KEYS } from './env.ts';
import { runCli } from './test-utils/cli.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const sectionOf = (title: string): string => readme.split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';

test('the README documents exactly the variables env.ts reads', () => {
  const documented = [...sectionOf('Environment').matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]);
  expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
});

test('the CLI section has a row and an example for every command', () => {
  const cli = sectionOf('CLI');
  const rows = [...cli.matchAll(/^\| `([a-z-]+(?: [a-z]+)?)[ `]/gm)].map((m) => m[1]);
  expect(rows.sort()).toEqual(Object.keys(COMMAND_USAGE).sort());
  for (const command of Object.keys(COMMAND_USAGE)) expect(cli).toContain(`pnpm -s webhook ${command}`);
});

test("the CLI section's routes check examples run as written from the repository root", async () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const lines = sectionOf('CLI')
    .split('\n')
    .filter((line) => line.startsWith('pnpm -s webhook routes check '));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    // The examples quote with "…" only: split on spaces outside quotes, as a shell would.
    const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    const run = await runCli(words.slice(3), {}, { cwd: root });
    expect({ line, code: run.code, stderr: run.stderr }).toEqual({ line, code: 0, stderr: '' });
    expect(run.stdout).toContain('apps/webhook/routes.example.yaml: 4 rule(s), valid');
  }
});
