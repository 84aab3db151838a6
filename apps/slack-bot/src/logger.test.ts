import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger, toBoltLogger } from './logger.ts';

function captured(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

describe('toBoltLogger', () => {
  test('Bolt debug lines are formatted only when trace is on', async () => {
    let formatted = 0;
    const payload = {
      toJSON: () => {
        formatted++;
        return { big: 'payload' };
      },
    };
    const quiet = captured('info');
    toBoltLogger(quiet.logger).debug('event body', payload);
    expect(formatted).toBe(0);

    const verbose = captured('trace');
    toBoltLogger(verbose.logger).debug('event body', payload);
    await new Promise((resolve) => setImmediate(resolve));
    expect(formatted).toBe(1);
    expect(verbose.lines).toEqual([
      expect.objectContaining({ component: 'bolt', level: 10, msg: 'event body {"big":"payload"}' }),
    ]);
  });

  test('warnings and errors reach the log as one line of text', async () => {
    const { logger, lines } = captured('info');
    const bolt = toBoltLogger(logger);
    bolt.warn('slow listener', { ms: 3100 });
    bolt.error(new Error('dispatch failed'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'slow listener {"ms":3100}'],
      [50, 'dispatch failed'],
    ]);
  });
});
