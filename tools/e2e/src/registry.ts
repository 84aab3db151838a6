import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway npm registry (verdaccio) on 127.0.0.1 with one user, proxying everything else to npm. */
export interface LocalRegistry {
  readonly url: string;
  readonly token: string;
  /** `.npmrc` lines that point a project at this registry with the user's token. */
  readonly npmrc: string;
  /** Verdaccio's warnings and errors (uplink failures…), for diagnosing a failed install. */
  readonly logFile: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitUntilUp = async (url: string, child: ChildProcess): Promise<void> => {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    const ok = await fetch(`${url}-/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('verdaccio did not start within 30 s');
};

/**
 * The CA bundle npm trusts, for verdaccio's upstream requests. Machines that reach the registry through a
 * TLS-inspecting gateway configure it for npm (`cafile`) and often NODE_EXTRA_CA_CERTS, but turbo does not pass
 * that variable to tasks, so the test asks npm.
 */
function upstreamCa(): string | undefined {
  if (process.env.NODE_EXTRA_CA_CERTS) return process.env.NODE_EXTRA_CA_CERTS;
  try {
    const cafile = execFileSync('npm', ['config', 'get', 'cafile'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return cafile && existsSync(cafile) ? cafile : undefined;
  } catch {
    return undefined;
  }
}

/** Starts verdaccio with storage in a temp dir and registers a publishing user. */
export async function startRegistry(upstream: string): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'ccc-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${join(dir, 'storage')}`,
      `auth:\n  htpasswd:\n    file: ${join(dir, 'htpasswd')}\n    max_users: 10`,
      // A busy CI machine can see a slow or reset upstream request: by default verdaccio marks the uplink
      // dead after 2 failures for 5 minutes and then answers 404 for every package.
      `uplinks:\n  npmjs:\n    url: ${upstream}\n    timeout: 120s\n    max_fails: 20\n    fail_timeout: 5s`,
      "packages:\n  '@ccc-kit/*':\n    access: $authenticated\n    publish: $authenticated",
      "  '**':\n    access: $all\n    proxy: npmjs",
      'server:\n  keepAliveTimeout: 60',
      `log: { type: file, path: ${join(dir, 'verdaccio.log')}, level: warn }`,
    ].join('\n'),
  );
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const ca = upstreamCa();
  const child = spawn(
    process.execPath,
    [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
    { stdio: 'ignore', env: { ...process.env, ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) } },
  );
  await waitUntilUp(url, child);
  const response = await fetch(`${url}-/user/org.couchdb.user:release-bot`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release-bot', password: 'release-bot-password', type: 'user', roles: [] }),
  });
  const { token } = (await response.json()) as { token: string };
  const host = url.replace(/^http:/, '');
  return {
    url,
    token,
    npmrc: `registry=${url}\n${host}:_authToken=${token}\n`,
    logFile: join(dir, 'verdaccio.log'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
