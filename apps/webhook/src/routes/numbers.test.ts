import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePush } from '@ccc-kit/cdr-parser';
import { TelCdrInfo } from '@ccc-kit/schemas';
import * as v from 'valibot';
import { afterAll, describe, expect, test } from 'vitest';
import { routesCheck } from '../cli/routes-check.ts';
import { facts, factsOfCall } from '../facts.ts';
import { parseRoutes, type RoutesFile, route } from './index.ts';
import { problemsOf } from './problems.test-helper.ts';

const ROUTES = `
rules:
  - match: { callerPrefix: "+86139" }
    channel: "#plus"
  - match: { callerPrefix: "0086139" }
    channel: "#zeros"
  - match: { callerPrefix: "86139" }
    channel: "#bare"
  - match: { callerPrefix: ["139"] }
    channel: "#national"
  - name: Shenzhen line
    match: { calleePrefix: ["0755", "+86 (755)"] }
    channel: "#shenzhen"
  - match: { protectedCallerPrefix: "139" }
    channel: "#protected"
`;
const ALL_FORMS = ['#plus', '#zeros', '#bare', '#national'];

/** A CDR push as Tencent sends it (tencent-api.md §3.4 field names), through the webhook's own parser. */
function cdrFacts(fields: Record<string, unknown>) {
  const body = JSON.stringify({
    SdkAppId: 1400482256,
    SessionId: 'numbers-1',
    Caller: '008613912345678',
    Callee: '00864001234567',
    Direction: 0,
    CallType: 2,
    StartTimestamp: 1_700_000_000,
    AcceptTimestamp: 1_700_000_010,
    EndedTimestamp: 1_700_000_070,
    EndStatusString: 'ok',
    ...fields,
  });
  const parsed = parsePush({ query: { action: 'cdr', version: '1' }, body });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return facts(parsed.push);
}

const channels = (routes: RoutesFile, fields: Record<string, unknown>): string[] =>
  route(routes, cdrFacts(fields)).map((d) => d.channel);

describe('number prefixes in every written form', () => {
  const routes = parseRoutes(ROUTES);

  test('are normalised once, when the file is loaded', () => {
    expect(routes.rules.map((r) => r.match.callerPrefix ?? r.match.calleePrefix)).toEqual([
      ['86139'],
      ['86139'],
      ['86139'],
      ['86139'],
      ['86755', '86755'],
      undefined,
    ]);
  });

  test('route the same call, however Tencent or a person wrote its number', () => {
    for (const caller of [
      '008613912345678',
      '+8613912345678',
      '8613912345678',
      '13912345678',
      '139 1234 5678',
    ])
      expect(channels(routes, { Caller: caller }), caller).toEqual(ALL_FORMS);
    expect(channels(routes, { Caller: '008613812345678' })).toEqual([]);
  });

  test('landlines: Tencent keeps the trunk 0 after 0086, a rule may write the area code either way', () => {
    for (const callee of ['00860755xxxxxxxx', '008675512345678', '(0755) 1234 5678'])
      expect(channels(routes, { Caller: '', Callee: callee }), callee).toEqual(['#shenzhen']);
  });

  test('voicemail pushes route by the same normalised caller', () => {
    const parsed = parsePush({
      query: { action: 'voicemail' },
      body: '{"SessionId":"vm-1","Timestamp":1700000100,"RecordURL":"https://example.invalid/vm.mp3","EndpointUser":13912345678}',
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(route(routes, facts(parsed.push)).map((d) => d.channel)).toEqual(ALL_FORMS);
  });

  test('rules built by hand (benchmarks, e2e) are normalised on first use, parsed ones are not re-read', () => {
    const byHand: RoutesFile = { rules: [{ match: { callerPrefix: ['0086139'] }, channel: '#hand' }] };
    expect(channels(byHand, {})).toEqual(['#hand']);
    // `+1415` is stored as 1415; read again, 1415 would be a mainland mobile (861415…).
    const nanp = parseRoutes('rules: [{ match: { calleePrefix: "+1 415" }, channel: "#us" }]');
    expect(channels(nanp, { Callee: '0014155550134' })).toEqual(['#us']);
    expect(channels(nanp, { Callee: '008614155550134' })).toEqual([]);
  });
});

describe('protected numbers', () => {
  const routes = parseRoutes(ROUTES);
  const protectedCall = { Caller: '', ProtectedCaller: '139abcdefg', ProtectedCallee: '' };

  test('the facts carry the protected form; it routes by its own prefix, never by a number prefix', () => {
    expect(cdrFacts(protectedCall)).toMatchObject({ caller: null, protectedCaller: '139abcdefg' });
    expect(channels(routes, protectedCall)).toEqual(['#protected']);
    expect(channels(routes, { ...protectedCall, ProtectedCaller: '138abcdefg' })).toEqual([]);
  });

  test('calls found by reconciliation (DescribeTelCdr rows) carry the protected form too', () => {
    const row = v.parse(TelCdrInfo, {
      SessionId: 'reconciled-1',
      Caller: '',
      Callee: '008675512345678',
      ProtectedCaller: '139abcdefg',
    });
    expect(factsOfCall(row)).toMatchObject({
      caller: null,
      callee: '8675512345678',
      protectedCaller: '139abcdefg',
    });
    expect(route(routes, factsOfCall(row)).map((d) => d.channel)).toEqual(['#shenzhen', '#protected']);
  });
});

describe('bad prefixes name the line and the field', () => {
  test('text that cannot start a number, empty protected prefixes, unquoted digits', () => {
    expect(
      problemsOf(`rules:
  - channel: "#a"
    match:
      callerPrefix: ["139", "+", "vip"]
  - channel: "#b"
    match: { calleePrefix: "00" }
  - channel: "#c"
    match: { callerPrefix: 0755, protectedCallerPrefix: " " }
`),
    ).toEqual([
      'routes.yaml:4: rules[0].match.callerPrefix[1]: "+" cannot start a phone number: use digits, optionally after + or 00 (e.g. "+86139", "0086139", "139", "0755")',
      'routes.yaml:4: rules[0].match.callerPrefix[2]: "vip" cannot start a phone number: use digits, optionally after + or 00 (e.g. "+86139", "0086139", "139", "0755")',
      'routes.yaml:6: rules[1].match.calleePrefix: "00" cannot start a phone number: use digits, optionally after + or 00 (e.g. "+86139", "0086139", "139", "0755")',
      'routes.yaml:8: rules[2].match.callerPrefix: write number prefixes as quoted text or a list of them, e.g. "+86139" or ["0755", "139"]; unquoted, YAML reads 755 as a number and drops a leading 0 or +',
      'routes.yaml:8: rules[2].match.protectedCallerPrefix[0]: a protected-number prefix must not be empty',
    ]);
  });
});

describe('routes check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'routes-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('shows the normalised prefixes of every rule that has some', () => {
    const file = join(dir, 'routes.yaml');
    writeFileSync(file, ROUTES);
    const lines = routesCheck(file, { baseDir: dir }).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      `${file}: 6 rule(s), valid`,
      '  rule 1: callerPrefix 86139',
      '  rule 2: callerPrefix 86139',
      '  rule 3: callerPrefix 86139',
      '  rule 4: callerPrefix 86139',
      '  rule 5 (Shenzhen line): calleePrefix 86755, 86755',
      '  rule 6: protectedCallerPrefix 139',
    ]);
  });
});
