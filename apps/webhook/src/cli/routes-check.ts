import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePush } from '@ccc-kit/cdr-parser';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import { loadRoutes, readFailure } from '../config.ts';
import { facts } from '../facts.ts';
import { DEFAULT_VOICEMAIL_WAIT_MS, routePush } from '../push-routing.ts';
import type { RouteRule, RoutesFile } from '../routes/index.ts';
import type { Delivery } from '../store/types.ts';
import { detectAction } from './detect-action.ts';
import { COMMAND_USAGE, UsageError } from './usage.ts';

/** A push to show the routing of; `detected` when its action was told from its fields. */
interface Sample {
  readonly name: string;
  readonly action: string;
  readonly body: string;
  readonly detected?: boolean;
}

const BUILT_IN: readonly Sample[] = [
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

/** Options of {@link routesCheck}, as given on the command line. */
export interface RoutesCheckOptions {
  readonly push?: string | undefined;
  readonly action?: string | undefined;
  readonly defaultChannel?: string | undefined;
  /** Where relative paths start (see `startDirectory`). */
  readonly baseDir: string;
}

/** The `--push` file with its action: `--action`, else told from its fields (refused when it cannot be). */
function pushSample(push: string, options: RoutesCheckOptions): Sample {
  const path = resolve(options.baseDir, push);
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`--push ${push} cannot be read (${path}): ${readFailure(error)}`, { cause: error });
  }
  if (options.action) return { name: push, action: options.action, body };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`--push ${push} is not JSON: a push body is one JSON object`);
  }
  const detected = detectAction(json);
  if (!detected.ok)
    throw new UsageError(
      `--push ${push}: ${detected.problem}. Say which with --action cdr|imcdr|record|voicemail`,
      COMMAND_USAGE['routes check'],
    );
  return { name: push, action: detected.action, body, detected: true };
}

/** The lines of one push: its kind when detected, then where it would be posted. */
function sampleLines(sample: Sample, routes: RoutesFile, defaultChannel: string | undefined): string[] {
  const lines = sample.detected
    ? [`  ${sample.name}: detected action: ${sample.action} (--action overrides)`]
    : [];
  const parsed = parsePush({ query: { action: sample.action, version: '1' }, body: sample.body });
  if (!parsed.ok)
    return [...lines, `  ${sample.name}: not a valid ${sample.action} push (${parsed.error.message})`];
  if (parsed.push.kind === 'record')
    return [...lines, `  ${sample.name}: recordings go to the threads of their call's posts`];
  const f = facts(parsed.push);
  const { deliveries, waitForCall } = routePush({ routes, defaultChannel }, parsed.push, 0);
  const line = `  ${sample.name} [${f.kind}, ${f.direction ?? '-'}, ${f.outcome}]`;
  if (!waitForCall) return [...lines, `${line} → ${channelList(deliveries) ?? 'nowhere'}`];
  return [...lines, `${line} → ${voicemailWhere(deliveries, waitForCall.deliveries)}`];
}

/**
 * `routes check <file> [--push <file> [--action <a>]] [--default-channel C]`: validates the routes file
 * (throws a `WebhookError` listing every problem) and shows where Tencent's samples, or the given push,
 * would be posted. Relative paths start from `baseDir`.
 */
export function routesCheck(file: string, options: RoutesCheckOptions): string {
  const routes = loadRoutes(file, { baseDir: options.baseDir, label: 'routes file' });
  const pushes = options.push ? [pushSample(options.push, options)] : BUILT_IN;
  const lines = [`${file}: ${routes.rules.length} rule(s), valid`, ...prefixLines(routes)];
  for (const sample of pushes) lines.push(...sampleLines(sample, routes, options.defaultChannel));
  return lines.join('\n');
}
