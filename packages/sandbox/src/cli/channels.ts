import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './options.ts';

/** A channel the sandbox creates: its name, and the id it must have when a routes file names the id. */
export interface ChannelWish {
  readonly name: string;
  readonly id?: string;
}

// The webhook's own rules for a routes file's channels (apps/webhook/src/routes/schema.ts).
const NAME = /^[\p{Ll}\p{N}_-][\p{Ll}\p{N}._-]{0,79}$/u;
const ID = /^[CG][A-Z0-9]{6,}$/;

/** One `--channels` item: `calls`, `#calls`, or `support=C0123ABCD` (a channel with that id). */
function channelItem(item: string): ChannelWish | string {
  const [rawName = '', id] = item.split('=', 2) as [string, string | undefined];
  const name = rawName.replace(/^#/, '');
  if (!NAME.test(name))
    return `"${item}" is not a channel name (lower-case letters, digits, ".", "-" and "_")`;
  if (id !== undefined && !ID.test(id)) return `"${id}" is not a channel id like C0123ABCD`;
  return id === undefined ? { name } : { name, id };
}

/** The `--channels a,#b,support=C0123ABCD` option: the channels to create besides #calls and #alerts. */
export const channelList: v.GenericSchema<string | undefined, ChannelWish[]> = v.pipe(
  v.optional(v.string(), ''),
  v.transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map(channelItem),
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const item of dataset.value) if (typeof item === 'string') addIssue({ message: item });
  }),
  v.transform((items) => items.filter((item): item is ChannelWish => typeof item !== 'string')),
);

const RoutesChannels = v.looseObject({
  rules: v.array(v.looseObject({ channel: v.string('each rule names its channel as text') })),
});

/** The channels a webhook routes file names: `#names` to create, and ids the sandbox cannot create by name. */
export interface RoutesChannels {
  readonly names: readonly string[];
  readonly ids: readonly string[];
}

/**
 * Reads `rules[].channel` of a webhook routes file (YAML or JSON, as the webhook reads it). Only the
 * channels are checked here: `routes check` of the webhook's CLI checks the rest.
 */
export function routesChannels(file: string): RoutesChannels {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--routes ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new UsageError(`--routes ${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = v.safeParse(RoutesChannels, doc);
  if (!parsed.success) {
    const where = parsed.issues.map((i) => `${v.getDotPath(i) ?? 'the file'}: ${i.message}`).join('; ');
    throw new UsageError(`--routes ${file}: not a routes file with rules[].channel (${where})`);
  }
  const channels = [...new Set(parsed.output.rules.map((rule) => rule.channel.trim()))];
  const names = channels.filter((c) => c.startsWith('#') && NAME.test(c.slice(1))).map((c) => c.slice(1));
  const ids = channels.filter((c) => ID.test(c));
  const odd = channels.filter((c) => !names.includes(c.slice(1)) && !ids.includes(c));
  if (odd.length > 0)
    throw new UsageError(
      `--routes ${file}: ${odd.map((c) => `"${c}"`).join(', ')} is neither a #name nor a channel id like C0123ABCD`,
    );
  return { names, ids };
}

/**
 * The channels to create: `--channels` first, then the routes file's names. An id in the routes file that
 * `--channels` does not give a name (`support=C0123ABCD`) cannot be created: a warning says what to do.
 */
export function channelsToCreate(
  listed: readonly ChannelWish[],
  routes: RoutesChannels | undefined,
  existing: readonly string[],
): { readonly create: ChannelWish[]; readonly warnings: string[] } {
  const create: ChannelWish[] = [];
  const taken = new Set(existing);
  for (const wish of [...listed, ...(routes?.names ?? []).map((name) => ({ name }))]) {
    if (taken.has(wish.name)) continue;
    taken.add(wish.name);
    create.push(wish);
  }
  const named = new Set(listed.flatMap((wish) => (wish.id ? [wish.id] : [])));
  const warnings = (routes?.ids ?? [])
    .filter((id) => !named.has(id))
    .map(
      (id) =>
        `The routes file names channel ${id} by id: the sandbox cannot create a channel from an id alone, so posts there will fail with channel_not_found. Give it a name with --channels <name>=${id}, or use #names in the routes file you try on the sandbox.`,
    );
  return { create, warnings };
}
