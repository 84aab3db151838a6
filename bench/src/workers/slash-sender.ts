import { createInterface } from 'node:readline';

/** One signed request prepared by the parent (the Slack emulator lives there; this process only sends). */
export interface SignedCommand {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** One burst, sent by the parent as a JSON line on stdin. */
export interface SlashBurst {
  readonly url: string;
  readonly commands: readonly SignedCommand[];
}

/** Printed as one JSON line per burst: status and round trip of each command, in input order. */
export type SlashBurstResult = { readonly status: number; readonly elapsedMs: number }[];

// A long-lived sender: the parent's warm-up bursts warm this process too, so fetch's first-use costs are not
// timed. Each burst fires every command at once, like a team hitting /ccc together, and times each ack.
async function fire(burst: SlashBurst): Promise<SlashBurstResult> {
  return Promise.all(
    burst.commands.map(async (command) => {
      const started = performance.now();
      try {
        const res = await fetch(burst.url, {
          method: 'POST',
          headers: command.headers,
          body: command.body,
          signal: AbortSignal.timeout(3_000),
        });
        await res.arrayBuffer();
        return { status: res.status, elapsedMs: performance.now() - started };
      } catch {
        return { status: 0, elapsedMs: performance.now() - started };
      }
    }),
  );
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  process.stdout.write(`${JSON.stringify(await fire(JSON.parse(line) as SlashBurst))}\n`);
}
