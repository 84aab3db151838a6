import { createCallOutPushes } from './call-out-pushes.ts';
import { type CccEmulator, startCccEmulator } from './ccc/emulator.ts';
import { generateDataset } from './dataset/generate.ts';
import type { GeneratedDataset } from './dataset/types.ts';
import { type DeskEmulator, startDeskEmulator } from './desk/emulator.ts';
import { createPusher, type PusherOptions } from './pusher/pusher.ts';
import type { SlackEmulator, SlackEmulatorOptions } from './slack/emulator-types.ts';
import { startSlackEmulator } from './slack/server.ts';

/** Fixed sandbox credentials: fake values, safe to print, identical on every run. */
export const SANDBOX_CREDENTIALS = {
  ccc: {
    secretId: 'AKIDsandboxCccKitExample0001',
    secretKey: 'sandbox-ccc-secret-key-0001',
    sdkAppId: 1400000000,
  },
  desk: { sdkAppId: 1600000000, secretKey: 'sandbox-desk-secret-key-0001', adminUserId: 'administrator' },
} as const;

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Dataset seed (default 1): the same seed gives the same calls and chats everywhere. */
  readonly seed?: number;
  readonly calls?: number;
  readonly chats?: number;
  /** Start of the dataset's range (default: 00:00 UTC yesterday), Unix seconds or a Date. */
  readonly start?: Date | number;
  /** End of the dataset's range (exclusive; default one day after `start`): a week for a week of calls. */
  readonly end?: Date | number;
  /**
   * Inbound calls in progress now (default 0), on top of the range's finished calls: the live queue and
   * busy agents of DescribeCallInMetrics and DescribeStaffStatusMetrics (a wallboard). No CDR, no push.
   */
  readonly liveCalls?: number;
  /**
   * Also serve the sessions whose SessionIds Tencent's documentation prints (default false; `pnpm sandbox`
   * turns it on): see the dataset option of the same name.
   */
  readonly documentedSessions?: boolean;
  /** Fixed ports (default 0: free ports). */
  readonly ports?: { readonly ccc?: number; readonly desk?: number; readonly slack?: number };
  /** Slack emulator options (channels, rate, tokens…). */
  readonly slack?: SlackEmulatorOptions;
  /** Requests per second per CCC action before `RequestLimitExceeded` (default 20). */
  readonly cccRatePerAction?: number;
  /**
   * How long after CreateCallOutSession placed a call its CDR is pushed to the attached push target
   * (default 2000 ms): a short simulated talk. See {@link Sandbox.attachPushTarget}.
   */
  readonly callOutPushDelayMs?: number;
  readonly now?: () => number;
}

/** The three emulators, their data and credentials. */
export interface Sandbox {
  readonly cccUrl: string;
  readonly deskUrl: string;
  /** `slackApiUrl` for WebClient / Bolt (`…/api/`). */
  readonly slackApiUrl: string;
  /** The read-only web view of what was posted. */
  readonly slackWebUrl: string;
  readonly credentials: typeof SANDBOX_CREDENTIALS & {
    readonly slack: { token: string; signingSecret: string };
  };
  /** The generated dataset; the calls placed through CreateCallOutSession are not in it (`ccc.callOuts()`). */
  readonly dataset: GeneratedDataset;
  readonly ccc: CccEmulator;
  readonly desk: DeskEmulator;
  readonly slack: SlackEmulator;
  /** A pusher that sends Tencent-style data pushes to `url`. */
  pusher(options: PusherOptions): ReturnType<typeof createPusher>;
  /**
   * Pushes the CDR of every call placed through CreateCallOutSession to `options.url` (options as for
   * {@link Sandbox.pusher}), `callOutPushDelayMs` after the call was placed, as Tencent pushes a call's CDR
   * when it ends. Replaces any earlier target.
   *
   * @example
   * sandbox.attachPushTarget({ url: 'http://127.0.0.1:8080/push', auth: { basic: { user, password } } });
   */
  attachPushTarget(options: PusherOptions): void;
  /** Stops the call-out CDR pushes; the ones not sent yet are dropped. */
  detachPushTarget(): void;
  /** Stops the three emulators and cancels the pending call-out CDR pushes. */
  stop(): Promise<void>;
}

const yesterday = (now: number): number => Math.floor(now / 86_400_000) * 86_400 - 86_400;

/**
 * Starts the Tencent CCC, Desk and Slack emulators on 127.0.0.1 with one generated dataset.
 *
 * @example
 * const sandbox = await startSandbox({ seed: 7 });
 * const client = createCccClient({ ...sandbox.credentials.ccc, endpoint: sandbox.cccUrl });
 * await sandbox.stop();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const callOutPushes = createCallOutPushes(options.callOutPushDelayMs ?? 2_000);
  const dataset = generateDataset({
    seed: options.seed ?? 1,
    ...(options.calls === undefined ? {} : { calls: options.calls }),
    ...(options.chats === undefined ? {} : { chats: options.chats }),
    start: options.start ?? yesterday(now()),
    ...(options.end === undefined ? {} : { end: options.end }),
    ...(options.liveCalls ? { liveCalls: options.liveCalls, liveAt: Math.floor(now() / 1000) } : {}),
    documentedSessions: options.documentedSessions ?? false,
    sdkAppId: SANDBOX_CREDENTIALS.ccc.sdkAppId,
  });
  const { ccc: cccCreds, desk: deskCreds } = SANDBOX_CREDENTIALS;
  const ccc = await startCccEmulator({
    dataset,
    credentials: [{ secretId: cccCreds.secretId, secretKey: cccCreds.secretKey }],
    sdkAppId: cccCreds.sdkAppId,
    now,
    port: options.ports?.ccc ?? 0,
    ...(options.cccRatePerAction ? { ratePerAction: options.cccRatePerAction } : {}),
    onCallOut: callOutPushes.onCallOut,
  });
  const desk = await startDeskEmulator({
    dataset,
    sdkAppId: deskCreds.sdkAppId,
    secretKey: deskCreds.secretKey,
    admins: [deskCreds.adminUserId],
    now,
    port: options.ports?.desk ?? 0,
  });
  const slack = await startSlackEmulator({
    now,
    ...options.slack,
    port: options.ports?.slack ?? options.slack?.port ?? 0,
  });
  return {
    cccUrl: ccc.url,
    deskUrl: desk.url,
    slackApiUrl: slack.apiUrl,
    slackWebUrl: `${slack.url}/`,
    credentials: {
      ...SANDBOX_CREDENTIALS,
      slack: { token: slack.token, signingSecret: slack.signingSecret },
    },
    dataset,
    ccc,
    desk,
    slack,
    pusher: (pusherOptions) => createPusher(pusherOptions),
    attachPushTarget: (pusherOptions) => callOutPushes.attach(pusherOptions),
    detachPushTarget: () => callOutPushes.detach(),
    async stop() {
      callOutPushes.stop();
      await Promise.all([ccc.stop(), desk.stop(), slack.stop()]);
    },
  };
}
