// Type-checked (never run) by release.test.ts: the published declarations must serve a strict consumer.
import { type CccClient, createCccClient, isCccError } from '@ccc-kit/ccc-client';
import { type CallRecord, type ParsePushResult, parsePush, toCallRecord } from '@ccc-kit/cdr-parser';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';

export async function check(): Promise<string> {
  const sandbox: Sandbox = await startSandbox({ seed: 1 });
  const client: CccClient = createCccClient({ ...sandbox.credentials.ccc, endpoint: sandbox.cccUrl });
  try {
    const detail = await client.describeSessionDetail({
      sessionId: sandbox.dataset.calls[0]?.sessionId ?? '',
      startTimestamp: new Date(Date.now() - 86_400_000),
      endTimestamp: new Date(),
    });
    const result: ParsePushResult = parsePush({ query: 'action=cdr&version=1', body: '{"SessionId":"s"}' });
    const record: CallRecord | null =
      result.ok && result.push.kind === 'cdr' ? toCallRecord(result.push.payload) : null;
    return `${detail.RequestId} ${record?.outcome ?? 'invalid'}`;
  } catch (error) {
    return isCccError(error) ? error.code : 'unknown';
  } finally {
    await sandbox.stop();
  }
}
