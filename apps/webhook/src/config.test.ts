import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkConfig, configFromEnv, resolveDatabaseUrl } from './config.ts';
import { loadEnv, startDirectory } from './env.ts';

const dir = mkdtempSync(join(tmpdir(), 'webhook-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { SLACK_BOT_TOKEN: 'xoxb-1', PUSH_AUTH: 'none', SLACK_DEFAULT_CHANNEL: '#calls' };

describe('relative paths start where the operator started the command', () => {
  test('INIT_CWD (set by pnpm to where it was started) wins over the current directory', () => {
    expect(startDirectory({ INIT_CWD: '/repo' }, '/repo/apps/webhook')).toBe('/repo');
    expect(startDirectory({}, '/repo/apps/webhook')).toBe('/repo/apps/webhook');
    expect(startDirectory({ INIT_CWD: 'relative' }, '/here')).toBe('/here');
  });

  test('a relative SQLite path is made absolute; other URLs stay as they are', () => {
    expect(resolveDatabaseUrl('sqlite:./data/webhook.db', '/repo')).toBe('sqlite:/repo/data/webhook.db');
    expect(resolveDatabaseUrl('sqlite:data/webhook.db', '/repo')).toBe('sqlite:/repo/data/webhook.db');
    for (const url of ['sqlite:/var/lib/w.db', 'sqlite::memory:', 'sqlite:', 'postgres://u@h/db'])
      expect(resolveDatabaseUrl(url, '/repo')).toBe(url);
  });

  test('the configuration opens the database and reads the routes file from the start directory', () => {
    writeFileSync(join(dir, 'routes.yaml'), 'rules:\n  - channel: "#calls"\n');
    const checked = checkConfig(loadEnv({ ...base, ROUTES_FILE: 'routes.yaml' }), dir);
    expect(checked).toMatchObject({ ok: true, routes: { rules: [{ channel: '#calls' }] } });
    if (!checked.ok) return;
    const config = configFromEnv(checked.env, { routes: checked.routes, baseDir: dir });
    expect(config.databaseUrl).toBe(`sqlite:${join(dir, 'data/webhook.db')}`);
  });
});
