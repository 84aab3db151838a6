import { digestMessage, messageToText } from '@ccc-kit/slack-blocks';
import { buildDigest } from '../digest/build.ts';
import type { Store } from '../store/index.ts';
import type { WebhookConfig } from '../webhook-config.ts';

/** What `webhook digest` needs of the service's configuration. */
type DigestCliConfig = Pick<WebhookConfig, 'digest' | 'displayTimeZone' | 'internalToken'>;

/**
 * `webhook digest --date D [--post]`: the day's digest as the channel would read it; with `post`, queued
 * for the running service (the store posts a day once, so a second `--post` only says where it stands).
 */
export async function digestCommand(
  store: Store,
  config: DigestCliConfig,
  options: { readonly day: string; readonly post: boolean; readonly now: number },
): Promise<string> {
  const timeZone = config.digest?.timeZone ?? config.displayTimeZone;
  const digest = await buildDigest(store, options.day, {
    timeZone,
    followUps: config.internalToken !== undefined,
  });
  const text = messageToText(digestMessage(digest.input));
  if (!options.post) return `${text}\n\n(${digest.stats.calls} calls stored for ${options.day}, ${timeZone})`;
  if (!config.digest) throw new Error('--post needs DIGEST_CHANNEL: the channel the digest goes to');
  const queued = await store.digests.queue(options.day, config.digest.channel, options.now);
  if (queued)
    return `${text}\n\nQueued for ${config.digest.channel}: the running service posts it within a minute.`;
  const row = await store.digests.get(options.day);
  return `${text}\n\nNot queued again: the digest of ${options.day} is already ${row?.state ?? 'queued'}${row?.slackTs ? ` (ts ${row.slackTs})` : ''} in ${row?.channel ?? config.digest.channel}.`;
}
