import { postSigned } from '../slack/signed-post.ts';
import { CliFailure } from './options.ts';

/** How the bot answered a signed request. */
export interface BotAnswer {
  /** HTTP status; 0 when it did not answer within the timeout. */
  readonly status: number;
  readonly body: string;
  /** The body as JSON, when it is JSON (an `ack` with a message). */
  readonly json: unknown;
  readonly elapsedMs: number;
}

/**
 * POSTs a form (a command, a click) or a JSON object (an Events API event) to the bot signed as Slack signs (v0: HMAC-SHA256 of `v0:<timestamp>:<body>` with the
 * signing secret, in `x-slack-signature` and `x-slack-request-timestamp`), timed from the real clock as the
 * bot checks it. Gives up after `timeoutMs`, as Slack does after 3 s.
 */
export async function postToBot(
  url: string,
  signingSecret: string,
  form: URLSearchParams | Readonly<Record<string, unknown>>,
  timeoutMs: number,
): Promise<BotAnswer> {
  const [body, type] =
    form instanceof URLSearchParams
      ? [form.toString(), 'application/x-www-form-urlencoded' as const]
      : [JSON.stringify(form), 'application/json' as const];
  try {
    const answer = await postSigned({ signingSecret, fetch }, { url, timeoutMs }, body, type);
    return { status: answer.status, body: answer.body, json: answer.json, elapsedMs: answer.elapsedMs };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliFailure(
      `Cannot reach the bot at ${url} (${cause}). Is it running? Start it with the settings pnpm sandbox serve prints (node --env-file=slack-bot.env apps/slack-bot/dist/main.mjs), or pass --url.`,
    );
  }
}
