import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'webhook-routes-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const APP = fileURLToPath(new URL('../..', import.meta.url));
const sample = (name: string) => join(APP, 'samples', name);

describe('routes check: relative paths start where the operator started', () => {
  mkdirSync(join(dir, 'apps'), { recursive: true });
  writeFileSync(join(dir, 'apps/routes.yaml'), 'rules:\n  - match: { kind: cdr }\n    channel: "#calls"\n');

  test('from the current directory', async () => {
    const run = await runCli(['routes', 'check', 'apps/routes.yaml'], {}, { cwd: dir });
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^apps\/routes\.yaml: 1 rule\(s\), valid\n/),
    });
  });

  test('from INIT_CWD when pnpm runs it in the package directory', async () => {
    const run = await runCli(['routes', 'check', 'apps/routes.yaml'], { INIT_CWD: dir }, { cwd: APP });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^apps\/routes\.yaml: 1 rule\(s\), valid\n/);
  });

  test('a file that is not there: where it was looked for, exit 1', async () => {
    const run = await runCli(['routes', 'check', 'nope.yaml'], {}, { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `routes file nope.yaml (${join(dir, 'nope.yaml')}) cannot be read: no such file; check the path (a relative one starts from the directory the command was started in)\n`,
    );
  });
});

describe('routes check: values checked against the known ones', () => {
  test('typos in outcome, kind, direction and endStatus, each with its line and a suggestion; exit 1', async () => {
    const file = join(dir, 'typos.yaml');
    writeFileSync(
      file,
      `rules:
  - match: { outcome: missedd, kind: voicemial }
    channel: "#missed"
  - match:
      direction: inbund
      endStatus: [waitingGiveup, noSuchStatus]
    channel: "#queue"
`,
    );
    const run = await runCli(['routes', 'check', file], {});
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(lines).toEqual([
      `  - ${file}:2: rules[0].match.kind: "voicemial" is not a known kind; did you mean "voicemail"? (cdr, imcdr, voicemail)`,
      expect.stringContaining(
        `${file}:2: rules[0].match.outcome: "missedd" is not a known outcome; did you mean "missed"?`,
      ),
      `  - ${file}:5: rules[1].match.direction: "inbund" is not a known direction; did you mean "inbound"? (inbound, outbound)`,
      `  - ${file}:6: rules[1].match.endStatus: "waitingGiveup" is not a known end status; did you mean "waitingGiveUp"? (Tencent's EndStatusString, spelled as Tencent does)`,
      `  - ${file}:6: rules[1].match.endStatus: "noSuchStatus" is not a known end status (Tencent's EndStatusString, spelled as Tencent does)`,
    ]);
  });
});

describe('routes check --push: the kind told from the fields', () => {
  const example = join(APP, 'routes.example.yaml');

  test.each([
    ['cdr.json', 'cdr', /\[cdr, outbound, not_answered\] → #calls/],
    ['cdr-legacy.json', 'cdr', /\[cdr, outbound, failed\] → #calls/],
    ['imcdr.json', 'imcdr', /\[imcdr, inbound, answered\] → #chats/],
    ['record.json', 'record', /recordings go to the threads of their call's posts/],
    [
      'voicemail.json',
      'voicemail',
      /\[voicemail, inbound, voicemail\] → the threads of its call's posts; a post in #voicemail/,
    ],
  ])('samples/%s is a %s push, and says so', async (name, action, routed) => {
    const run = await runCli(['routes', 'check', example, '--push', sample(name)], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  ${sample(name)}: detected action: ${action} (--action overrides)\n`);
    expect(run.stdout).toMatch(routed);
  });

  test('--action overrides, and nothing is said about detection', async () => {
    const run = await runCli(
      ['routes', 'check', example, '--push', sample('imcdr.json'), '--action', 'voicemail'],
      {},
    );
    expect(run.stdout).not.toContain('detected');
    expect(run.stdout).toContain(`  ${sample('imcdr.json')}: not a valid voicemail push (`);
  });

  test('a body whose kind cannot be told is refused, exit 2', async () => {
    const file = join(dir, 'bare.json');
    writeFileSync(file, '{"SessionId": "s-1", "Timestamp": 1700000000}');
    const run = await runCli(['routes', 'check', example, '--push', file], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^--push .*bare\.json: its kind cannot be told: it has none of the fields that tell a CDR .*\. Say which with --action cdr\|imcdr\|record\|voicemail\n\nUsage: webhook routes check/,
    );
    const both = join(dir, 'both.json');
    writeFileSync(both, '{"SessionId": "s-1", "Caller": "008613", "UserId": "u-1"}');
    expect((await runCli(['routes', 'check', example, '--push', both], {})).stderr).toContain(
      'its kind cannot be told: it has fields of more than one kind (cdr, imcdr)',
    );
  });

  test('an unknown --action is a usage error', async () => {
    const run = await runCli(
      ['routes', 'check', example, '--push', sample('cdr.json'), '--action', 'call'],
      {},
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--action is one of cdr, imcdr, record, voicemail\n/);
  });
});
