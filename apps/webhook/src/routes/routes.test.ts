import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isWithinHours, parseRoutes, type RoutingFacts, route, routeVoicemail } from './index.ts';
import { problemsOf } from './problems.test-helper.ts';

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  kind: 'cdr',
  direction: 'inbound',
  outcome: 'missed',
  endStatus: 'waitingGiveUp',
  skillGroupId: 2522,
  skillGroupName: 'Sales',
  caller: '8618486147605',
  callee: '864001234567',
  queueWaitSeconds: 125,
  talkSeconds: 0,
  at: new Date('2026-11-20T02:00:00Z'),
  ...over,
});

describe('the example routes file', () => {
  const routes = parseRoutes(readFileSync(new URL('../../routes.example.yaml', import.meta.url), 'utf8'));

  test('a missed inbound call goes to #support-missed and #calls', () => {
    expect(route(routes, facts())).toEqual([{ channel: '#support-missed' }, { channel: '#calls' }]);
  });

  test('an answered call only to #calls; voicemail and chats to their channels', () => {
    expect(route(routes, facts({ outcome: 'answered' }))).toEqual([{ channel: '#calls' }]);
    expect(route(routes, facts({ kind: 'voicemail', outcome: 'voicemail' }))).toEqual([
      { channel: '#voicemail' },
    ]);
    expect(route(routes, facts({ kind: 'imcdr', outcome: 'answered' }))).toEqual([{ channel: '#chats' }]);
  });
});

describe('routeVoicemail', () => {
  const routes = parseRoutes(`
rules:
  - match: { kind: voicemail }
    channel: "#voicemail"
    mention: U0123ABCD
  - match: { direction: inbound }
    channel: "#calls"
  - match: { kind: [cdr, voicemail], callerPrefix: "+86184" }
    channel: "#vip"
`);
  const voicemail = facts({ kind: 'voicemail', outcome: 'voicemail' });

  test('rules naming kind voicemail post it at once; the others only if its call does not come', () => {
    expect(routeVoicemail(routes, voicemail, '#default', 42)).toEqual({
      deliveries: [{ channel: '#voicemail', mention: 'U0123ABCD' }, { channel: '#vip' }],
      waitForCall: { deliveries: [{ channel: '#calls' }], until: 42 },
    });
  });

  test('the default channel is where it goes alone when no rule matches', () => {
    const none = facts({ kind: 'voicemail', outcome: 'voicemail', direction: 'outbound', caller: '8613' });
    expect(routeVoicemail(routes, none, '#default', 42)).toEqual({
      deliveries: [{ channel: '#voicemail', mention: 'U0123ABCD' }],
      waitForCall: { deliveries: [], until: 42 },
    });
    expect(routeVoicemail(parseRoutes('rules: []\n'), none, '#default', 42).waitForCall.deliveries).toEqual([
      { channel: '#default' },
    ]);
  });
});

describe('rule criteria', () => {
  const routes = parseRoutes(`
rules:
  - match: { skillGroup: [Sales], minQueueWait: 60, callerPrefix: "0086184" }
    channel: "#sales-alerts"
    mention: S0SALESLEAD
  - match: { skillGroup: 9999 }
    channel: "#sales-alerts"
    mention: U0ONCALL1
  - match: { outcome: answered, minTalk: 600 }
    channel: "#long-calls"
`);

  test('all criteria must hold; same channel posts once with merged mentions', () => {
    expect(route(routes, facts())).toEqual([{ channel: '#sales-alerts', mention: 'S0SALESLEAD' }]);
    expect(route(routes, facts({ skillGroupId: 9999 }))).toEqual([
      { channel: '#sales-alerts', mention: 'S0SALESLEAD,U0ONCALL1' },
    ]);
    expect(route(routes, facts({ queueWaitSeconds: 10 }))).toEqual([]);
    expect(
      route(routes, facts({ outcome: 'answered', talkSeconds: 601, skillGroupName: 'x', skillGroupId: 1 })),
    ).toEqual([{ channel: '#long-calls' }]);
  });

  test('the default channel catches records no rule matched', () => {
    expect(route(routes, facts({ skillGroupName: 'Billing', skillGroupId: 7 }), 'C0DEFAULT1')).toEqual([
      { channel: 'C0DEFAULT1' },
    ]);
  });
});

describe('business hours', () => {
  const hours = {
    timezone: 'Asia/Shanghai',
    windows: [
      {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[],
        from: '09:00',
        to: '18:00',
      },
    ],
    when: 'inside' as const,
  };

  test('uses the rule time zone', () => {
    expect(isWithinHours(new Date('2026-11-20T02:00:00Z'), hours)).toBe(true); // Fri 10:00 Shanghai
    expect(isWithinHours(new Date('2026-11-20T11:00:00Z'), hours)).toBe(false); // Fri 19:00
    expect(isWithinHours(new Date('2026-11-21T02:00:00Z'), hours)).toBe(false); // Sat
  });

  test('overnight windows run past midnight', () => {
    const night = { ...hours, windows: [{ days: ['fri'] as 'fri'[], from: '22:00', to: '06:00' }] };
    expect(isWithinHours(new Date('2026-11-20T15:00:00Z'), night)).toBe(true); // Fri 23:00
    expect(isWithinHours(new Date('2026-11-20T19:00:00Z'), night)).toBe(true); // Sat 03:00
    expect(isWithinHours(new Date('2026-11-21T23:00:00Z'), night)).toBe(false); // Sun 07:00
  });
});

describe('bad routes files name the line and the field', () => {
  test('schema problems, all at once', () => {
    expect(
      problemsOf(`rules:
  - channel: "#ok"
    match:
      direction: sideways
  - channel: not a channel
    mention: bob
    match: { minTalk: -1, outcomes: [missed] }
`),
    ).toEqual([
      'routes.yaml:4: rules[0].match.direction: "sideways" is not a known direction (inbound, outbound)',
      'routes.yaml:5: rules[1].channel: channel is a channel id like C0123ABCD or a #name',
      'routes.yaml:6: rules[1].mention: mention is a user id (U…) or user group id (S…)',
      'routes.yaml:7: rules[1].match.minTalk: Invalid value: Expected >=0 but received -1',
      'routes.yaml:7: rules[1].match.outcomes: unknown field "outcomes"; check its spelling',
    ]);
  });

  test('syntax errors and unknown time zones', () => {
    expect(problemsOf('rules: [\n  { channel: "#a"\n')[0]).toMatch(/^routes\.yaml:\d+: /);
    expect(
      problemsOf(`rules:
  - channel: "#a"
    match:
      businessHours: { timezone: Mars/Olympus, windows: [{ days: mon, from: "9:00", to: "18:00" }] }
`),
    ).toEqual([
      'routes.yaml:4: rules[0].match.businessHours.timezone: Unknown IANA time zone "Mars/Olympus" (e.g. Asia/Shanghai, Europe/Berlin)',
      'routes.yaml:4: rules[0].match.businessHours.windows[0].from: Use 24-hour HH:MM, e.g. 09:00',
    ]);
  });

  test('JSON routes files work too', () => {
    expect(parseRoutes('{"rules":[{"channel":"C0ABCDEFG"}]}').rules[0]?.channel).toBe('C0ABCDEFG');
  });
});
