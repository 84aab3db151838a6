import type { StreamPush } from './push-stream.ts';
import { send } from './raw-http.ts';
import { PUSH_AUTHORIZATION } from './webhook-process.ts';

/** The answer to one probe push, timed from request to reply. */
export interface ProbeReply {
  readonly pushId: string;
  /** HTTP status; 0 when no answer came (connection error or the 15 s client timeout). */
  readonly status: number;
  /** `ErrCode` of the reply, null when the reply had none. */
  readonly errCode: number | null;
  readonly ms: number;
}

/**
 * Sends `count` call pushes at once, each a single attempt (no retry), beside whatever load is running,
 * and times each answer: what one push sees at that moment.
 */
export async function probePushes(
  webhookUrl: string,
  next: () => StreamPush,
  count: number,
): Promise<ProbeReply[]> {
  const pushes: StreamPush[] = [];
  while (pushes.length < count) {
    const push = next();
    if (push.action === 'cdr') pushes.push(push);
  }
  return Promise.all(
    pushes.map(async (push) => {
      const started = performance.now();
      const reply = await send(`${webhookUrl}/push?action=cdr&version=1`, {
        headers: {
          authorization: PUSH_AUTHORIZATION,
          'content-type': 'application/json',
          'x-tccc-push-uuid': push.pushId,
        },
        body: JSON.stringify(push.body),
      }).catch(() => null);
      const errCode = (reply?.json as { ErrCode?: unknown } | undefined)?.ErrCode;
      return {
        pushId: push.pushId,
        status: reply?.status ?? 0,
        errCode: typeof errCode === 'number' ? errCode : null,
        ms: performance.now() - started,
      };
    }),
  );
}
