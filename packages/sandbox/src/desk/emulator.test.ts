import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DeskEmulator, startDeskEmulator } from './emulator.ts';
import { APP, chat, dataset, KEY, NOW_S, officialSig, post, query } from './test-fixtures.ts';

let desk: DeskEmulator;
beforeAll(async () => {
  desk = await startDeskEmulator({
    dataset: dataset([chat('s1', { state: { CurrentState: 'Agent', AgentId: 'a@x.com' } })]),
    sdkAppId: APP,
    secretKey: KEY,
    admins: ['administrator', 'ops_admin'],
    now: () => NOW_S * 1000,
  });
});
afterAll(() => desk.stop());

const state = (q?: string, body: unknown = { SessionId: 's1' }) =>
  post(desk.url, 'get_session_state', body, q).then((r) => r.json);

/** Encodes an arbitrary document the way the official generator does. */
const encodeDoc = (doc: unknown) =>
  deflateSync(Buffer.from(JSON.stringify(doc)))
    .toString('base64')
    .replaceAll('+', '*')
    .replaceAll('/', '-')
    .replaceAll('=', '_');

describe('Desk emulator authentication', () => {
  test('accepts a UserSig from the official tls-sig-api-v2 generator, with or without userbuf', async () => {
    expect(await state()).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      SessionId: 's1',
      CurrentState: 'Agent',
      AgentId: 'a@x.com',
    });
    const withBuf = officialSig('ops_admin', { userBuf: Buffer.from('abc') });
    expect(await state(query({ identifier: 'ops_admin', usersig: withBuf }))).toMatchObject({ ErrorCode: 0 });
  });

  test.each([
    ['expired', 70001, officialSig('administrator', { issuedAt: NOW_S - 86401 })],
    ['still valid at the last second', 0, officialSig('administrator', { issuedAt: NOW_S - 86400 })],
    ['signed for another SDKAppID', 70014, officialSig('administrator', { app: APP + 1 })],
    ['signed with another key', 70009, officialSig('administrator', { key: 'other-key' })],
    ['signed for another user', 70013, officialSig('ops_admin')],
    ['truncated', 70003, officialSig('administrator').slice(0, 60)],
    ['not base64', 70003, 'hello+world/=='],
    [
      'forged document (foreign TLS.sig)',
      70009,
      encodeDoc({
        'TLS.ver': '2.0',
        'TLS.identifier': 'administrator',
        'TLS.sdkappid': APP,
        'TLS.time': NOW_S,
        'TLS.expire': 9e8,
        'TLS.sig': 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=',
      }),
    ],
    [
      'string sdkappid',
      70003,
      encodeDoc({
        'TLS.identifier': 'administrator',
        'TLS.sdkappid': String(APP),
        'TLS.time': NOW_S,
        'TLS.expire': 60,
        'TLS.sig': 'x',
      }),
    ],
  ])('UserSig %s → %i', async (_name, code, usersig) => {
    const answer = await state(query({ usersig }));
    expect(answer.ErrorCode).toBe(code);
    expect(answer.ActionStatus).toBe(code === 0 ? 'OK' : 'FAIL');
  });

  test('a valid UserSig of a non-administrator account → 60010', async () => {
    const answer = await state(query({ identifier: 'customer1', usersig: officialSig('customer1') }));
    expect(answer).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60010 });
  });
});

describe('Desk emulator query parameters and body', () => {
  test.each([
    ['missing sdkappid', 60012, { sdkappid: undefined }],
    ['another sdkappid', 60006, { sdkappid: String(APP + 5) }],
    ['non-numeric sdkappid', 60006, { sdkappid: '14x' }],
    ['missing identifier', 60004, { identifier: undefined }],
    ['missing usersig', 60004, { usersig: undefined }],
    ['missing random', 60002, { random: undefined }],
    ['random above uint32', 60002, { random: '4294967296' }],
    ['negative random', 60002, { random: '-1' }],
    ['random at uint32 max', 0, { random: '4294967295' }],
    ['contenttype other than json', 60002, { contenttype: 'JSON' }],
    ['missing contenttype', 60002, { contenttype: undefined }],
    ['parameter names are case-sensitive', 60012, { sdkappid: undefined, SdkAppId: String(APP) }],
  ])('%s → %i', async (_name, code, overrides) => {
    const { status, json } = await post(desk.url, 'get_session_state', { SessionId: 's1' }, query(overrides));
    expect(status).toBe(200);
    expect(json.ErrorCode).toBe(code);
  });

  test.each([
    ['empty body', ''],
    ['not JSON', '{"SessionId": '],
    ['a JSON array', '[]'],
  ])('%s → 60003', async (_name, body) => {
    expect((await post(desk.url, 'get_session_state', body)).json).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 60003,
    });
  });

  test('unknown command or service → 60009 naming the implemented commands; GET → 60002', async () => {
    const unknown = await post(desk.url, 'describe_everything');
    expect(unknown.json).toMatchObject({ ErrorCode: 60009 });
    expect(unknown.json.ErrorInfo).toContain('describe_chat_messages');
    const other = await fetch(`${desk.url}/v4/openim/sendmsg?${query()}`, { method: 'POST', body: '{}' });
    expect(await other.json()).toMatchObject({ ErrorCode: 60009 });
    const get = await fetch(`${desk.url}/v4/desk_http_svc/get_session_state?${query()}`);
    expect(await get.json()).toMatchObject({ ErrorCode: 60002 });
  });
});

describe('Desk emulator faults and request log', () => {
  test('api-error faults answer the Desk envelope, once per injection', async () => {
    desk.faults.inject('get_session_state', { kind: 'api-error', code: 141002 });
    desk.faults.inject('get_session_state', { kind: 'api-error', code: 60007 });
    expect(await state()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 141002 });
    expect(await state()).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007 });
    expect(await state()).toMatchObject({ ErrorCode: 0 });
  });

  test('status and reset faults are transport failures', async () => {
    desk.faults.inject('get_session_state', { kind: 'status', status: 502 });
    expect((await post(desk.url, 'get_session_state', { SessionId: 's1' }).catch(() => null))?.status).toBe(
      502,
    );
    desk.faults.inject('get_session_state', { kind: 'reset' });
    await expect(post(desk.url, 'get_session_state', { SessionId: 's1' })).rejects.toThrow();
    expect(await state()).toMatchObject({ ErrorCode: 0 });
  });

  test('accepted-lost runs the command, then resets the connection', async () => {
    const before = desk.requests().length;
    desk.faults.inject('get_session_state', { kind: 'accepted-lost', mode: 'reset' });
    await expect(post(desk.url, 'get_session_state', { SessionId: 's1' })).rejects.toThrow();
    expect(desk.requests().slice(before)).toMatchObject([
      { command: 'get_session_state', status: 0, errorCode: 0, fault: 'accepted-lost' },
    ]);
  });

  test('faults are per command', async () => {
    desk.faults.inject('describe_chat_messages', { kind: 'api-error', code: 70001 });
    expect(await state()).toMatchObject({ ErrorCode: 0 });
    const messages = await post(desk.url, 'describe_chat_messages', { SessionId: 's1' });
    expect(messages.json).toMatchObject({ ErrorCode: 70001 });
  });

  test('the log records command, query without the UserSig, body, outcome and fault', async () => {
    const before = desk.requests().length;
    desk.faults.inject('get_session_state', { kind: 'status', status: 500 });
    await post(desk.url, 'get_session_state', { SessionId: 's1' }, query({ random: '42' }));
    await state();
    const [faulted, ok] = desk.requests().slice(before);
    expect(faulted).toMatchObject({ command: 'get_session_state', status: 500, fault: 'status' });
    expect(ok).toMatchObject({
      method: 'POST',
      path: '/v4/desk_http_svc/get_session_state',
      query: { sdkappid: String(APP), identifier: 'administrator', random: '123456789', contenttype: 'json' },
      hasUserSig: true,
      body: { SessionId: 's1' },
      status: 200,
      errorCode: 0,
      fault: undefined,
    });
    expect(JSON.stringify(desk.requests())).not.toContain(officialSig('administrator'));
  });
});
