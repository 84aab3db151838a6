import { readFileSync } from 'node:fs';
import { parsePush } from '@ccc-kit/cdr-parser';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import { loadRoutes } from '../config.ts';
import { facts } from '../facts.ts';
import { DEFAULT_VOICEMAIL_WAIT_MS, routePush } from '../push-routing.ts';
import type { RouteRule, RoutesFile } from '../routes/index.ts';
import type { Delivery } from '../store/types.ts';

const BUILT_IN = [
  {
    name: 'doc sample CDR (outbound, number does not exist)',
    action: 'cdr',
    body: repairedSamples.cdrPushSeed,
  },
  { name: 'doc sample CDR (legacy, system error)', action: 'cdr', body: repairedSamples.cdrPushLegacy },
  { name: 'doc sample voicemail', action: 'voicemail', body: samples.voicemailPush },
];

const NUMBER_CRITERIA = [
  'callerPrefix',
  'calleePrefix',
  'protectedCallerPrefix',
  'protectedCalleePrefix',
] as const;

/** `callerPrefix 86139, 86755`: a rule's number criteria as routing compares them (normalised at load). */
function numberCriteria(rule: RouteRule): string | null {
  const parts = NUMBER_CRITERIA.flatMap((name) => {
    const prefixes = rule.match[name];
    return prefixes ? [`${name} ${prefixes.join(', ')}`] : [];
  });
  return parts.length ? parts.join('; ') : null;
}

/**
 * One line per rule with number criteria, showing the normalised prefixes, so an operator sees that
 * `+86139`, `0086139` and `139` all became `86139`.
 */
function prefixLines(routes: RoutesFile): string[] {
  return routes.rules.flatMap((rule, index) => {
    const criteria = numberCriteria(rule);
    const name = rule.name ? ` (${rule.name})` : '';
    return criteria ? [`  rule ${index + 1}${name}: ${criteria}`] : [];
  });
}

const channelList = (deliveries: readonly Delivery[]): string | null =>
  deliveries.length
    ? deliveries.map((d) => d.channel + (d.mention ? ` (mention ${d.mention})` : '')).join(', ')
    : null;

/** Where a voicemail goes: its call's threads, the voicemail inbox channels, and where it goes alone. */
function voicemailWhere(inbox: readonly Delivery[], alone: readonly Delivery[]): string {
  const minutes = DEFAULT_VOICEMAIL_WAIT_MS / 60_000;
  return [
    "the threads of its call's posts",
    ...(inbox.length ? [`a post in ${channelList(inbox)}`] : []),
    `alone in ${channelList(alone) ?? 'no channel'} if its call is not stored within VOICEMAIL_WAIT (default ${minutes}m)`,
  ].join('; ');
}

/** `routes check <file> [--push <file> --action <a>] [--default-channel C]`: validates and shows routing. */
export function routesCheck(
  file: string,
  options: { push?: string; action?: string; defaultChannel?: string },
): string {
  const routes = loadRoutes(file);
  const pushes = options.push
    ? [{ name: options.push, action: options.action ?? 'cdr', body: readFileSync(options.push, 'utf8') }]
    : BUILT_IN;
  const lines = [`${file}: ${routes.rules.length} rule(s), valid`, ...prefixLines(routes)];
  for (const sample of pushes) {
    const parsed = parsePush({ query: { action: sample.action, version: '1' }, body: sample.body });
    if (!parsed.ok) {
      lines.push(`  ${sample.name}: not a valid push (${parsed.error.message})`);
      continue;
    }
    if (parsed.push.kind === 'record') {
      lines.push(`  ${sample.name}: recordings go to the threads of their call's posts`);
      continue;
    }
    const f = facts(parsed.push);
    const config = { routes, defaultChannel: options.defaultChannel };
    const { deliveries, waitForCall } = routePush(config, parsed.push, 0);
    const line = `  ${sample.name} [${f.kind}, ${f.direction ?? '-'}, ${f.outcome}]`;
    if (!waitForCall) lines.push(`${line} → ${channelList(deliveries) ?? 'nowhere'}`);
    else lines.push(`${line} → ${voicemailWhere(deliveries, waitForCall.deliveries)}`);
  }
  return lines.join('\n');
}
