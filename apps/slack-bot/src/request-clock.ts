import type { HTTPReceiver } from '@slack/bolt';
import type { BotLogger } from './logger.ts';

/** Slack's replay window: a signed request is valid only within 5 minutes of its timestamp, either way. */
const WINDOW_SECONDS = 5 * 60;

/**
 * Refuses (401, like a bad signature) requests whose `X-Slack-Request-Timestamp` lies more than 5 minutes
 * in the future. Bolt 5 rejects only old timestamps, so a request signed ahead of time (a leaked signing
 * secret, or a captured request from a host with a fast clock) would stay replayable until that moment.
 * Wraps the receiver's request listener, so the check runs before Bolt reads the body.
 *
 * @example
 * const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events' });
 * refuseFutureRequests(receiver, Date.now, logger);
 */
export function refuseFutureRequests(receiver: HTTPReceiver, now: () => number, logger: BotLogger): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(timestamp) && timestamp - now() / 1000 > WINDOW_SECONDS) {
      logger.warn(
        { path: req.url, aheadSeconds: Math.round(timestamp - now() / 1000) },
        'request refused: its signature timestamp is more than 5 minutes in the future',
      );
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    next(req, res);
  };
}
