import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { startSandbox } from './sandbox.ts';

const USAGE = `Usage: ccc-sandbox [--seed N] [--calls N] [--chats N] [--ccc-port P] [--desk-port P] [--slack-port P]

Starts local emulators of Tencent CCC, Desk and Slack on 127.0.0.1 and prints their URLs and credentials.
Defaults: seed 1, 40 calls, 12 chats, ports 4010 (CCC), 4011 (Desk), 4012 (Slack).`;

const whole = (name: string, fallback: string, max: number) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(/^\d+$/, `--${name} takes a whole number`),
    v.transform(Number),
    v.maxValue(max, `--${name} is at most ${max}`),
  );

const Args = v.object({
  seed: whole('seed', '1', 2 ** 31),
  calls: whole('calls', '40', 100_000),
  chats: whole('chats', '12', 10_000),
  'ccc-port': whole('ccc-port', '4010', 65_535),
  'desk-port': whole('desk-port', '4011', 65_535),
  'slack-port': whole('slack-port', '4012', 65_535),
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
};

let raw: ReturnType<typeof parseArgs>['values'] = {};
try {
  raw = parseArgs({
    options: Object.fromEntries(Object.keys(Args.entries).map((k) => [k, { type: 'string' as const }])),
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
const parsed = v.safeParse(Args, raw ?? {});
if (!parsed.success) fail(parsed.issues.map((i) => i.message).join('\n'));
const args = parsed.output as v.InferOutput<typeof Args>;

const sandbox = await startSandbox({
  seed: args.seed,
  calls: args.calls,
  chats: args.chats,
  ports: { ccc: args['ccc-port'], desk: args['desk-port'], slack: args['slack-port'] },
}).catch((error: unknown) => fail(`The sandbox could not start: ${(error as Error).message}`));

const { ccc, desk, slack } = sandbox.credentials;
process.stdout.write(`ccc-kit sandbox is running (seed ${args.seed}: ${sandbox.dataset.calls.length} calls, ${sandbox.dataset.chats.length} chats)

  Tencent CCC API   ${sandbox.cccUrl}    SecretId ${ccc.secretId}  SecretKey ${ccc.secretKey}  SdkAppId ${ccc.sdkAppId}
  Tencent Desk API  ${sandbox.deskUrl}    SDKAppID ${desk.sdkAppId}  admin ${desk.adminUserId}  secret key ${desk.secretKey}
  Slack Web API     ${sandbox.slackApiUrl}  bot token ${slack.token}  signing secret ${slack.signingSecret}
  Slack web view    ${sandbox.slackWebUrl}

These are sandbox-only credentials. Press Ctrl-C to stop.
`);

const stop = (): void => {
  void sandbox.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
