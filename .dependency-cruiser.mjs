// The architecture rules of CONTRIBUTING.md ("How the parts may depend on each other"), checked on the
// TypeScript sources by `pnpm lint:deps` (part of `pnpm test`). A workspace package can appear two ways: by
// its real path once built (`packages/sandbox/dist/…`, pnpm's symlinks followed) or by its name when its
// `dist` does not exist yet (a fresh clone): every rule matches both, so it never depends on build order.

/** Anything inside workspace package `dir` (`packages/sandbox`), by path or by package name. */
const workspace = (dir, name) => `^(${dir}/|@ccc-kit/${name}(/|$))`;

/** An npm package by name, resolved through node_modules (pnpm's `.pnpm` store included) or not. */
const npm = (names) => `(^|/node_modules/)(${names.join('|')})(/|$)`;

/** Node built-ins that do I/O, with or without the `node:` prefix. */
const IO_BUILTINS = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'dns/promises',
  'worker_threads',
];

/** npm packages that talk to the network or a database. */
const IO_PACKAGES = [
  'ky',
  'pg',
  'better-sqlite3',
  'undici',
  'node-fetch',
  '@slack/web-api',
  '@slack/bolt',
  '@slack/socket-mode',
  'tencentcloud-sdk-nodejs-common',
];

/** Test code: the suites, their helpers, and files named for tests (`*.test-helper.mjs`). */
const TEST_CODE = ['\\.test\\.ts$', '\\.test-helper\\.[cm]?js$', '/test-utils/'];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles, type-only imports included: move what both sides need into a module of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-not-to-apps-or-tools',
      severity: 'error',
      comment: 'Published packages never import an app or a tool: the dependency points the other way.',
      from: { path: '^packages/' },
      to: {
        path: ['^(apps|tools|bench)/', '^@ccc-kit/(webhook|slack-bot|demo|e2e|bench|workspace-checks)(/|$)'],
      },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment: 'The webhook and the bot share code only through packages.',
      from: { path: '^apps/([^/]+)/' },
      to: {
        path: ['^apps/', '^@ccc-kit/(webhook|slack-bot)(/|$)'],
        pathNot: ['^apps/$1/', '^@ccc-kit/$1(/|$)'],
      },
    },
    {
      name: 'no-sandbox-in-product-code',
      severity: 'error',
      comment: 'The sandbox is for tests, the demo and the benchmarks, never for product code.',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: [...TEST_CODE, '^packages/sandbox/'] },
      to: { path: workspace('packages/sandbox', 'sandbox') },
    },
    {
      name: 'pure-packages-do-no-io',
      severity: 'error',
      comment: '@ccc-kit/schemas and @ccc-kit/slack-blocks are pure functions of their input: no I/O.',
      from: { path: '^packages/(schemas|slack-blocks)/' },
      to: { path: [`^(node:)?(${IO_BUILTINS.join('|')})$`, npm(IO_PACKAGES)] },
    },
    {
      name: 'pure-packages-import-no-client',
      severity: 'error',
      comment: '@ccc-kit/schemas and @ccc-kit/slack-blocks import no client: callers pass them data.',
      from: { path: '^packages/(schemas|slack-blocks)/' },
      to: {
        path: [
          workspace('packages/ccc-client', 'ccc-client'),
          workspace('packages/desk-client', 'desk-client'),
        ],
      },
    },
  ],
  options: {
    // Type-only imports count: a cycle through `import type` is still a cycle in the design.
    tsPreCompilationDeps: true,
    doNotFollow: { path: ['(^|/)node_modules/', '(^|/)dist/'] },
    exclude: { path: ['(^|/)\\.cache/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
