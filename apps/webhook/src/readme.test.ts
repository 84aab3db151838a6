import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ENV_KEYS } from './env.ts';

test('the README documents exactly the variables env.ts reads', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split('## Environment')[1]?.split('\n## ')[0] ?? '';
  const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]);
  expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
});
