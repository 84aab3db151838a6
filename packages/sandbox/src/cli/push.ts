import * as v from 'valibot';
import { DOCUMENTED_CALLS, DOCUMENTED_CHATS } from '../dataset/documented.ts';
import { generateDataset } from '../dataset/generate.ts';
import { datasetToPushes } from '../dataset/pushes.ts';
import { createPusher, type Pusher } from '../pusher/pusher.ts';
import { SANDBOX_CREDENTIALS } from '../sandbox.ts';
import { CliFailure, type CliIo, type CommandSpec, parseCommand, UsageError } from './options.ts';
import { AuthMode, resolveAuth } from './push-auth.ts';
import { PUSH_ACTIONS, readPushFile } from './push-file.ts';
import {
  countByAction,
  pushSummary,
  type ReportedItem,
  type Suggestion,
  suggestionsForDay,
  suggestionsForFile,
  suggestionText,
} from './push-report.ts';
import { WEBHOOK_PUSH_URL } from './settings.ts';
import { DAY_OPTIONS, dayEntries, httpUrl, isoDay, whole } from './values.ts';

const USAGE = `Usage: pnpm sandbox push [options]

Sends data pushes to a webhook the way Tencent CCC does: POST <url>?action=<cdr|imcdr|record|voicemail>
(&version=1), Content-Type application/json;charset=utf8, an X-TCCC-PUSH-UUID header, credentials, and up
to 3 retries of anything but HTTP 2xx with {"ErrCode":0}. Either a generated day (the calls and chats
pnpm sandbox serve serves with the same --seed, --calls, --chats and --day), or one JSON file.

Options:
  --url URL             the webhook's push URL (default ${WEBHOOK_PUSH_URL})
  --seed N, --calls N, --chats N, --day YYYY-MM-DD
                        the generated day (defaults as serve: 1, 40, 12, yesterday)
  --file FILE           send this JSON file instead (e.g. apps/webhook/samples/cdr.json)
  --action ACTION       cdr, imcdr, record or voicemail (default: told from the file's fields)
  --raw                 send the file even if it is not a valid push (to try the webhook's quarantine)
  --push-id ID          the file's X-TCCC-PUSH-UUID (default: a fresh UUID; reuse one to send a duplicate)
  --auth MODE           basic, token or none (default: as the webhook infers PUSH_AUTH)
  --user U, --password P
                        Basic auth (default PUSH_BASIC_USER and PUSH_BASIC_PASSWORD, else the sandbox's)
  --token T             token auth, sent as ?token= (default PUSH_TOKEN)
  --retries N           retries after the first attempt (default 3, as Tencent)
  --concurrency N       pushes in flight at once (default 4)
  -h, --help            this help

Exit status: 0 when every push was acknowledged, 1 when one was refused, 2 for a usage mistake.`;

const spec = {
  usage: USAGE,
  options: {
    ...DAY_OPTIONS,
    url: { type: 'string' },
    file: { type: 'string' },
    action: { type: 'string' },
    raw: { type: 'boolean' },
    'push-id': { type: 'string' },
    auth: { type: 'string' },
    user: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    retries: { type: 'string' },
    concurrency: { type: 'string' },
  },
  schema: v.object({
    ...dayEntries,
    url: httpUrl('url', WEBHOOK_PUSH_URL),
    file: v.optional(v.pipe(v.string(), v.nonEmpty('--file takes a file'))),
    action: v.optional(v.picklist(PUSH_ACTIONS, `--action is one of ${PUSH_ACTIONS.join(', ')}`)),
    raw: v.optional(v.boolean(), false),
    'push-id': v.optional(
      v.pipe(v.string(), v.regex(/^[\x21-\x7e]{1,128}$/, '--push-id is 1-128 printable characters')),
    ),
    auth: AuthMode,
    user: v.optional(v.pipe(v.string(), v.nonEmpty('--user takes a name'))),
    password: v.optional(v.pipe(v.string(), v.nonEmpty('--password takes a password'))),
    token: v.optional(v.pipe(v.string(), v.nonEmpty('--token takes a token'))),
    retries: whole('retries', 3, 0, 10),
    concurrency: whole('concurrency', 4, 1, 64),
  }),
} satisfies CommandSpec<v.GenericSchema>;

/** `push`'s usage text. */
export const PUSH_USAGE: string = USAGE;

type PushArgs = v.InferOutput<typeof spec.schema>;

/** The pushes to send and what to suggest afterwards: one file, or a generated day. */
function plan(
  args: PushArgs,
  given: ReadonlySet<string>,
): { items: ReportedItem[]; notes: readonly string[]; next: Suggestion[] } {
  const flags = (names: readonly string[]) =>
    names.filter((name) => given.has(name)).map((name) => `--${name}`);
  if (args.file === undefined) {
    const fileFlags = flags(['action', 'raw', 'push-id']);
    if (fileFlags.length > 0) throw new UsageError(`${fileFlags.join(', ')} only go with --file`);
    const dataset = generateDataset({
      seed: args.seed,
      calls: args.calls,
      chats: args.chats,
      start: args.day,
      documentedSessions: true,
      sdkAppId: SANDBOX_CREDENTIALS.ccc.sdkAppId,
    });
    // The documented sessions' pushes are the sample files: sent from the day, they would make those duplicates.
    const documented = new Set(
      [...DOCUMENTED_CALLS, ...DOCUMENTED_CHATS].map((session) => session.sessionId),
    );
    const items = datasetToPushes(dataset).filter((item) => !documented.has(item.sessionId));
    const notes = [
      `The generated day: seed ${args.seed}, ${isoDay(args.day)} (UTC), as pnpm sandbox serve --seed ${args.seed} serves it (the sessions of Tencent's documented samples are left out: their pushes are apps/webhook/samples/*.json, sent with --file).`,
    ];
    return { items, notes, next: suggestionsForDay(dataset) };
  }
  const dayFlags = flags(['seed', 'calls', 'chats', 'day']);
  if (dayFlags.length > 0)
    throw new UsageError(`--file sends one file: ${dayFlags.join(', ')} describe a generated day`);
  const { item, notes } = readPushFile(args.file, {
    action: args.action,
    raw: args.raw,
    pushId: args['push-id'],
  });
  return { items: [item], notes, next: suggestionsForFile(item) };
}

/** Sends the first push alone: when the webhook cannot be reached at all, say so instead of retrying them all. */
async function sendAll(pusher: Pusher, items: readonly ReportedItem[], url: string, concurrency: number) {
  const [first, ...rest] = items;
  if (!first) return [];
  const head = await pusher.push(first);
  if (head.failure?.reason === 'network')
    throw new CliFailure(
      `Cannot reach the webhook at ${url} (${head.failure.message}). Is it running? Start it with the settings pnpm sandbox serve prints, or pass --url.`,
    );
  return [head, ...(await pusher.pushAll(rest, { concurrency }))];
}

/** `pnpm sandbox push`: a generated day, or one JSON file, pushed to a webhook as Tencent does. */
export async function push(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { args } = parsed;
  const { auth, description } = resolveAuth(args, io.env);
  const { items, notes, next } = plan(args, parsed.given);
  for (const note of notes) io.stdout.write(`${note}\n`);
  io.stdout.write(
    `Pushing ${items.length} push${items.length === 1 ? '' : 'es'} (${countByAction(items)}) to ${args.url} with ${description}…\n`,
  );
  const pusher = createPusher({
    url: args.url,
    maxRetries: args.retries,
    concurrency: args.concurrency,
    ...(auth ? { auth } : {}),
  });
  const results = await sendAll(pusher, items, args.url, args.concurrency);
  io.stdout.write(pushSummary(items, results));
  io.stdout.write(suggestionText(next));
  return results.every((result) => result.delivered) ? 0 : 1;
}
