import { describe, expect, test } from 'vitest';
import { isSandboxError } from '../errors.ts';
import { generateDataset } from './generate.ts';
import { type DatasetPush, datasetToPushes } from './pushes.ts';

const dataset = generateDataset({ seed: 31, start: Date.UTC(2025, 3, 1) / 1000 });
const pushes = datasetToPushes(dataset);

/** Pushes of a session that arrive before that session's CDR push. */
const beforeTheirCdr = (list: readonly DatasetPush[]): DatasetPush[] =>
  list.filter(
    (p, i) =>
      p.action !== 'cdr' && list.findIndex((q) => q.action === 'cdr' && q.sessionId === p.sessionId) > i,
  );

describe('datasetToPushes', () => {
  test('one cdr per call, its recordings and voicemail, one imcdr per finished chat', () => {
    const count = (action: string) => pushes.filter((p) => p.action === action).length;
    expect(count('cdr')).toBe(dataset.calls.length);
    expect(count('record')).toBe(dataset.calls.reduce((n, c) => n + c.records.length, 0));
    expect(count('voicemail')).toBe(dataset.calls.filter((c) => c.voicemail).length);
    expect(count('voicemail')).toBeGreaterThan(0);
    const finished = dataset.chats.filter((c) => !c.state.CurrentState);
    expect(
      pushes
        .filter((p) => p.action === 'imcdr')
        .map((p) => p.sessionId)
        .sort(),
    ).toEqual(finished.map((c) => c.sessionId).sort());
  });

  test('bodies are the dataset payloads themselves', () => {
    const call = dataset.calls[0];
    expect(pushes.find((p) => p.action === 'cdr' && p.sessionId === call?.sessionId)?.body).toBe(call?.push);
  });

  test('push ids are unique UUIDs and the same on every run', () => {
    const ids = pushes.map((p) => p.pushId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(datasetToPushes(generateDataset({ seed: 31, start: Date.UTC(2025, 3, 1) / 1000 }))).toEqual(
      pushes,
    );
  });

  test('default order: by sending time, every recording and voicemail after its CDR', () => {
    const times = pushes.map((p) => p.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(beforeTheirCdr(pushes)).toEqual([]);
    for (const push of pushes.filter((p) => p.action === 'cdr')) {
      const call = dataset.calls.find((c) => c.sessionId === push.sessionId);
      expect(push.at).toBeGreaterThan(Number(call?.push.EndedTimestamp));
    }
  });

  test('outOfOrder: n puts exactly n recordings before their CDR, keeping ids', () => {
    const shuffled = datasetToPushes(dataset, { outOfOrder: 3 });
    const early = beforeTheirCdr(shuffled);
    expect(early).toHaveLength(3);
    expect(early.every((p) => p.action === 'record')).toBe(true);
    expect(new Set(shuffled.map((p) => p.pushId))).toEqual(new Set(pushes.map((p) => p.pushId)));
    expect(datasetToPushes(dataset, { outOfOrder: 3 })).toEqual(shuffled);
    expect(beforeTheirCdr(datasetToPushes(dataset, { outOfOrder: 10_000 })).length).toBe(
      pushes.filter((p) => p.action === 'record').length,
    );
  });

  test('shuffleSeed: same pushes, another deterministic order', () => {
    const a = datasetToPushes(dataset, { shuffleSeed: 1 });
    expect(a).toEqual(datasetToPushes(dataset, { shuffleSeed: 1 }));
    expect(a.map((p) => p.pushId)).not.toEqual(pushes.map((p) => p.pushId));
    expect(datasetToPushes(dataset, { shuffleSeed: 2 }).map((p) => p.pushId)).not.toEqual(
      a.map((p) => p.pushId),
    );
    expect([...a].sort((x, y) => x.pushId.localeCompare(y.pushId))).toEqual(
      [...pushes].sort((x, y) => x.pushId.localeCompare(y.pushId)),
    );
    expect(beforeTheirCdr(a).length).toBeGreaterThan(0);
  });

  test.each([-1, 0.5])('outOfOrder %s is rejected as invalid options', (outOfOrder) => {
    let caught: unknown;
    try {
      datasetToPushes(dataset, { outOfOrder });
    } catch (error) {
      caught = error;
    }
    expect(isSandboxError(caught) && caught.code).toBe('sandbox_invalid_options');
  });
});
