import { readFileSync } from 'node:fs';
import { parsePush } from '@ccc-kit/cdr-parser';
import { repairedSamples, samples } from '@ccc-kit/schemas/fixtures';
import { loadRoutes } from '../config.ts';
import { facts } from '../facts.ts';
import { route } from '../routes/index.ts';

const BUILT_IN = [
  {
    name: 'doc sample CDR (outbound, number does not exist)',
    action: 'cdr',
    body: repairedSamples.cdrPushSeed,
  },
  { name: 'doc sample CDR (legacy, system error)', action: 'cdr', body: repairedSamples.cdrPushLegacy },
  { name: 'doc sample voicemail', action: 'voicemail', body: samples.voicemailPush },
];

/** `routes check <file> [--push <file> --action <a>] [--default-channel C]`: validates and shows routing. */
export function routesCheck(
  file: string,
  options: { push?: string; action?: string; defaultChannel?: string },
): string {
  const routes = loadRoutes(file);
  const pushes = options.push
    ? [{ name: options.push, action: options.action ?? 'cdr', body: readFileSync(options.push, 'utf8') }]
    : BUILT_IN;
  const lines = [`${file}: ${routes.rules.length} rule(s), valid`];
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
    const deliveries = route(routes, f, options.defaultChannel);
    const where = deliveries.length
      ? deliveries.map((d) => d.channel + (d.mention ? ` (mention ${d.mention})` : '')).join(', ')
      : 'nowhere';
    lines.push(`  ${sample.name} [${f.kind}, ${f.direction ?? '-'}, ${f.outcome}] → ${where}`);
  }
  return lines.join('\n');
}
