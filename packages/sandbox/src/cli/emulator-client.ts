import * as v from 'valibot';
import { CliFailure } from './options.ts';

/** One command or click the emulator knows about: its response URL and trigger_id, and who and where. */
export interface Invocation {
  readonly response_url: string;
  readonly trigger_id: string;
  readonly team: { readonly id: string; readonly domain: string };
  readonly api_app_id: string;
  readonly channel: { readonly id: string; readonly name: string };
  readonly user: { readonly id: string; readonly name: string };
}

/** One POST of the app to a response URL, as the emulator recorded it. */
export interface Reply {
  readonly status: number;
  readonly error: string | null;
  readonly text: string | null;
  readonly blocks: readonly unknown[] | null;
}

/** A channel message, as conversations.history returns it. */
export interface Message {
  readonly ts: string;
  readonly text?: string | undefined;
  readonly blocks?: readonly unknown[] | undefined;
  readonly [field: string]: unknown;
}

const Named = v.object({ id: v.string(), name: v.string() });
const Invocation: v.GenericSchema<unknown, Invocation> = v.object({
  response_url: v.string(),
  trigger_id: v.string(),
  team: v.object({ id: v.string(), domain: v.string() }),
  api_app_id: v.string(),
  channel: Named,
  user: Named,
});
const Reply: v.GenericSchema<unknown, Reply> = v.object({
  status: v.number(),
  error: v.nullable(v.string()),
  text: v.nullable(v.string()),
  blocks: v.nullable(v.array(v.unknown())),
});
const Message: v.GenericSchema<unknown, Message> = v.looseObject({
  ts: v.string(),
  text: v.optional(v.string()),
  blocks: v.optional(v.array(v.unknown())),
});

/** A user's Home tab in the emulator: the view views.publish published last (`null`, version 0: none). */
export interface HomeState {
  readonly version: number;
  readonly view: { readonly id: string; readonly blocks?: readonly unknown[] | undefined } | null;
}

const HomeState: v.GenericSchema<unknown, HomeState> = v.object({
  version: v.number(),
  view: v.nullable(v.looseObject({ id: v.string(), blocks: v.optional(v.array(v.unknown())) })),
});

const Refusal = v.object({ ok: v.literal(false), error: v.string(), message: v.optional(v.string()) });

/** The Slack emulator's Web API and sandbox endpoints, as the CLI uses them. */
export interface EmulatorClient {
  /** A fresh response URL and trigger_id for a command (or a click on message `message_ts`). */
  createInvocation(input: {
    kind: 'command' | 'action';
    channel: string;
    user: string;
    message_ts?: string;
  }): Promise<Invocation>;
  /** Shows a command's immediate answer like Slack shows an `ack` with a message. */
  showAnswer(responseUrl: string, answer: Record<string, unknown>): Promise<void>;
  /** What the app posted to a response URL so far. */
  replies(responseUrl: string): Promise<Reply[]>;
  /** The newest messages of a channel, newest first. */
  history(channel: string): Promise<Message[]>;
  /** The `app_home_opened` Events API body for `user` to send to the bot (the user now "opened" the tab). */
  openHome(user: string): Promise<Record<string, unknown>>;
  /** The Home tab the bot published for `user` last. */
  homeView(user: string): Promise<HomeState>;
}

const HINTS: Readonly<Record<string, string>> = {
  invalid_auth: 'pass the sandbox’s bot token with --token (or set SLACK_BOT_TOKEN)',
  not_authed: 'pass the sandbox’s bot token with --token (or set SLACK_BOT_TOKEN)',
  channel_not_found: 'create it with pnpm sandbox serve --channels <name>, or pass another --channel',
  not_in_channel: 'the bot is not in that channel',
};

/** One request to the emulator, its answer checked against `schema`; refusals say what to do. */
async function call<S extends v.GenericSchema>(
  where: { baseUrl: string; token: string },
  path: string,
  schema: S,
  body?: unknown,
): Promise<v.InferOutput<S>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, where.baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${where.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliFailure(
      `Cannot reach the sandbox's Slack emulator at ${where.baseUrl} (${cause}). Start it with pnpm sandbox serve, or pass --slack-url.`,
    );
  }
  const json: unknown = await response.json().catch(() => undefined);
  const refused = v.safeParse(Refusal, json);
  if (refused.success) {
    const { error, message } = refused.output;
    const hint = HINTS[error] ? ` (${HINTS[error]})` : '';
    throw new CliFailure(
      `The Slack emulator refused ${path.split('?')[0]}: ${error}${message ? `: ${message}` : ''}${hint}`,
    );
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success)
    throw new CliFailure(
      `The Slack emulator at ${where.baseUrl} gave an unexpected answer to ${path} (HTTP ${response.status}): is it the sandbox's?`,
    );
  return parsed.output;
}

/**
 * A client of the Slack emulator at `baseUrl` (e.g. `http://127.0.0.1:4012`) with the bot token `token`.
 * Every answer is checked; failures become a {@link CliFailure} that says what to do.
 */
export function emulatorClient(baseUrl: string, token: string): EmulatorClient {
  const where = { baseUrl, token };
  const home = (user: string) => `/sandbox/invocations/home?user=${encodeURIComponent(user)}`;
  const replies = (url: string) => `/sandbox/invocations/replies?response_url=${encodeURIComponent(url)}`;
  return {
    createInvocation: (input) => call(where, '/sandbox/invocations', Invocation, input),
    showAnswer: async (responseUrl, answer) => {
      const body = { response_url: responseUrl, answer };
      await call(where, '/sandbox/invocations/ack', v.object({ ok: v.literal(true) }), body);
    },
    replies: async (responseUrl) =>
      (await call(where, replies(responseUrl), v.object({ replies: v.array(Reply) }))).replies,
    history: async (channel) => {
      const body = { channel, limit: 200 };
      return (await call(where, '/api/conversations.history', v.object({ messages: v.array(Message) }), body))
        .messages;
    },
    openHome: async (user) =>
      (await call(where, home(user), v.object({ event: v.record(v.string(), v.unknown()) }), {})).event,
    homeView: (user) => call(where, home(user), HomeState),
  };
}
