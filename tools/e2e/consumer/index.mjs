// Uses the published packages the way a customer would: sign requests against the sandbox, parse a CDR.
import { createCccClient } from '@ccc-kit/ccc-client';
import { parsePush, toCallRecord } from '@ccc-kit/cdr-parser';
import { startSandbox } from '@ccc-kit/sandbox';
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
  console.log(JSON.stringify({ signed: calls > 0, calls, outcome: record.outcome }));
} finally {
  await sandbox.stop();
}
