// Uses the published packages the way a customer would: sign requests against the sandbox, parse a CDR,
// draw a chart whose Chinese label needs the font the stats tarball ships.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCccClient } from '@ccc-kit/ccc-client';
import { parsePush, toCallRecord } from '@ccc-kit/cdr-parser';
import { startSandbox } from '@ccc-kit/sandbox';
import { renderWaitByGroupChart } from '@ccc-kit/stats/charts';
import { seedCdr } from './sample.mjs';

const sandbox = await startSandbox({ seed: 3, calls: 20 });
try {
  const client = createCccClient({ ...sandbox.credentials.ccc, endpoint: sandbox.cccUrl });
  const now = Math.floor(Date.now() / 1000);
  let calls = 0;
  for await (const _ of client.iterateTelCdrs({ startTimestamp: now - 3 * 86_400, endTimestamp: now }))
    calls++;
  const parsed = parsePush({ query: 'action=cdr&version=1', body: seedCdr });
  if (!parsed.ok || parsed.push.kind !== 'cdr') throw new Error('the seed CDR did not parse');
  const record = toCallRecord(parsed.push.payload);
  const png = Buffer.from(
    await renderWaitByGroupChart({ groups: [{ name: '售后服务组', p90Seconds: 34, answered: 120 }] }),
  );
  const statsRoot = dirname(createRequire(import.meta.url).resolve('@ccc-kit/stats/package.json'));
  const fonts = readdirSync(join(statsRoot, 'fonts'))
    .filter((name) => name.endsWith('.ttf'))
    .sort();
  const chart = { png: png.toString('latin1', 1, 4) === 'PNG' && png.length > 1000, fonts };
  console.log(JSON.stringify({ signed: calls > 0, calls, outcome: record.outcome, chart }));
} finally {
  await sandbox.stop();
}
