import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '@ccc-kit/sandbox/dataset';
import { describe, expect, test } from 'vitest';

// Runs the built demo as `pnpm demo` does (turbo builds it before this test) and reads what it printed.

const DEMO = fileURLToPath(new URL('../dist/demo.mjs', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const run = (args: readonly string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [DEMO, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });

/** Every phone-number-looking string of the day the demo generates (same seed, same day as `startSandbox`). */
function phoneNumbers(calls: number): string[] {
  const start = Math.floor(Date.now() / 86_400_000) * 86_400 - 86_400;
  const dataset = generateDataset({ seed: 1, calls, chats: 12, start });
  const found = new Set<string>();
  JSON.stringify(dataset, (_key, value: unknown) => {
    if (typeof value === 'string' && /^\+?\d{7,}$/.test(value)) found.add(value.replace('+', ''));
    return value;
  });
  return [...found];
}

const postsIn = (stdout: string, channel: string): number =>
  Number(new RegExp(`── ${channel}: (\\d+) posts?`).exec(stdout)?.[1] ?? 0);

describe('pnpm demo', () => {
  test('shows the day in Slack, one duplicate suppressed, one push quarantined, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--calls', '20']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const channel of ['#support-missed', '#calls', '#voicemail', '#chats'])
      expect(postsIn(stdout, channel), `posts in ${channel}`).toBeGreaterThan(0);
    // The day's 20 calls, and the callback started from Slack in the follow-up loop.
    expect(postsIn(stdout, '#calls')).toBe(21);
    expect(stdout).toMatch(/Deduplicated +1 /);
    expect(stdout).toMatch(/Quarantined +1 /);
    expect(stdout).toMatch(/Dead letters +0\n/);
    for (const command of [
      '/ccc call',
      '/ccc transcript',
      '/ccc state',
      '/ccc sessions',
      'Clicked "Call details"',
    ])
      expect(stdout).toContain(`── ${command}`);
    expect(stdout).toContain('[Call details]');
    // The missed-call loop: taken, called back from the agent's account, closed by the callback's CDR.
    expect(stdout).toContain('── Missed-call follow-up, from Slack');
    expect(stdout).toMatch(/clicked "I'll call back"[^\n]*\n(?:.*\n)*?.*You have it/);
    expect(stdout).toMatch(/clicked "Call back now"[^\n]*\n(?:.*\n)*?.*Calling you on/);
    expect(stdout).toMatch(/after Tencent pushed the callback's CDR[^\n]*\n(?:.*\n)*?.*Reached the customer/);
    expect(stdout).toContain("── /ccc calls <the customer's number>");
    // Recordings and a voicemail in their call's thread, the post saying what its thread holds.
    expect(stdout).toMatch(
      /── A call's recordings, one per participant, in its thread[^\n]*\n(?:.*\n)*?.*recordings? in the thread\n(?:.*\n)*? {4}↳ :studio_microphone: Recording ready/,
    );
    expect(stdout).toMatch(
      /── A voicemail in its call's thread[^\n]*\n(?:.*\n)*?.*1 voicemail in the thread\n.*\[Play voicemail\]\n {4}↳ :mailbox_with_mail: Voicemail from/,
    );
    expect(stdout).toMatch(/Posts updated +\d+ \(in place/);
    // The Home tab: the live queue and agents of the sandbox, published on app_home_opened.
    expect(stdout).toMatch(
      /── The Home tab of U0DEMOLEAD[^\n]*\n(?:.*\n)*? {2}== Queue now ==\n(?:.*\n)*? {2}== Agents ==\n/,
    );
    expect(stdout).toMatch(/Free: \d+/);
    // The sandbox's calls in progress now (liveCalls): a queue that is not all zeros.
    expect(stdout).toMatch(/ {2}(?:Queued|Ringing|In IVR|On a call now): [1-9]/);
    expect(stdout).not.toContain('Something went wrong');
    expect(stdout).toMatch(/Time taken +\d+\.\d s/);
    // Numbers are masked everywhere: no number's last seven digits appear in a row.
    const numbers = phoneNumbers(20);
    expect(numbers.length).toBeGreaterThan(10);
    for (const number of numbers) expect(stdout).not.toContain(number.slice(-7));
  }, 60_000);

  test('bad arguments: the problem and the usage on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await run(['--calls', 'lots']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--calls takes a whole number');
    expect(stderr).toContain('Usage: pnpm demo');
  });
});
