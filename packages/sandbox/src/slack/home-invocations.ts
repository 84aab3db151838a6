import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import { homeOpenedEvent } from './home-events.ts';
import type { WebApiDeps } from './web-api.ts';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * The sandbox-only Home tab endpoints, for tools outside the emulator's process (`pnpm sandbox home`), under
 * the invocation endpoints' loopback and token checks (invocations.ts):
 * `POST …/home?user=U…` marks the user as having opened the Home tab and answers `{ ok, event }`, the
 * `app_home_opened` Events API body to sign and send to the app as it is; `GET …/home?user=U…` answers
 * `{ ok, user, version, view }`, the Home view published last (`view: null`, `version: 0` when none).
 */
export function handleHome(req: IncomingMessage, res: ServerResponse, api: WebApiDeps, url: URL): void {
  const [status, body] = homeAnswer(req.method, api, url.searchParams.get('user') ?? '');
  sendJson(res, status, body);
}

const refusal = (status: number, error: string, message: string): [number, object] => [
  status,
  { ok: false, error, message },
];

function homeAnswer(method: string | undefined, api: WebApiDeps, user: string): [number, object] {
  if (!USER_ID.test(user))
    return refusal(400, 'invalid_arguments', 'user: give ?user=<a user id like U0SANDBOXUSER>');
  if (method === 'GET') {
    const home = api.store.homeViews.get(user);
    return [200, { ok: true, user, version: home?.version ?? 0, view: home?.view ?? null }];
  }
  if (method !== 'POST') return refusal(405, 'method_not_allowed', 'GET or POST');
  // Answered rather than thrown by homeOpenedEvent: the disabled Home tab is a setting, not a bug.
  if (!api.homeTabEnabled)
    return refusal(
      409,
      'not_enabled',
      'the Home tab of the emulated app is disabled (homeTabEnabled: false)',
    );
  return [200, { ok: true, event: homeOpenedEvent(api, api.store, user) }];
}
