import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type SlackEmulator, signSlackRequest } from '@ccc-kit/sandbox/slack';
import type { SignedCommand, SlashBurst, SlashBurstResult } from '../workers/slash-sender.ts';
import { GENERATOR_CPU, nodeCommand } from './cpu.ts';
import { DIST_DIR } from './load.ts';

/** A command ready to send, and the response URL its reply will go to. */
export interface PreparedCommand {
  readonly command: SignedCommand;
  readonly responseUrl: string;
}

/** Signed `/ccc <text>` requests, built as the Slack emulator builds them, each with a fresh response URL. */
export function signedCommands(slack: SlackEmulator, texts: readonly string[]): PreparedCommand[] {
  const channel = slack.channels()[0]?.id ?? 'C0CALLS';
  const user = 'U0SANDBOXUSER';
  const timestamp = Math.floor(Date.now() / 1000);
  return texts.map((text) => {
    const responseUrl = slack.createResponseUrl({ channel, user, kind: 'commands' });
    const body = new URLSearchParams({
      token: 'sandbox-verification-token',
      team_id: slack.identity.teamId,
      team_domain: slack.identity.teamDomain,
      channel_id: channel,
      channel_name: 'calls',
      user_id: user,
      user_name: 'bench',
      command: '/ccc',
      text,
      api_app_id: slack.identity.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
    }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest({ signingSecret: slack.signingSecret, body, timestamp }),
    };
    return { command: { body, headers }, responseUrl };
  });
}

/** The sender process: one burst per call, answered in order. */
export interface Sender {
  send(burst: SlashBurst): Promise<SlashBurstResult>;
  stop(): void;
}

/**
 * The sender shares the generator core with this process, whose emulators answer the bot's CCC lookups and
 * replies during product rounds only; without priority the sender would read acks late in exactly those
 * rounds and charge the emulators' work to the bot. Needs root (CAP_SYS_NICE); otherwise the bench goes on
 * at normal priority and says so.
 */
function raisePriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, -10);
  } catch {
    console.warn("  · could not raise the slash-command sender's priority (not root): acks may read late");
  }
}

/** Starts the long-lived sender on the generator core. */
export function startSender(): Sender {
  const [command, args] = nodeCommand(join(DIST_DIR, 'workers', 'slash-sender.mjs'), [], GENERATOR_CPU);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  raisePriority(child.pid);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async send(burst) {
      child.stdin.write(`${JSON.stringify(burst)}\n`);
      const next = await lines.next();
      if (next.done) throw new Error('the slash-command sender exited');
      return JSON.parse(next.value) as SlashBurstResult;
    },
    stop: () => child.kill('SIGTERM'),
  };
}
