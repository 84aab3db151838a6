import { describe, expect, test } from 'vitest';
import { formatDateTime, isValidTimeZone, slackDate } from './dates.ts';
import { isSlackBlocksError } from './errors.ts';

describe('slackDate', () => {
  test('writes a date token with a fallback in the given zone', () => {
    expect(slackDate(1730443136)).toBe(
      '<!date^1730443136^{date_short_pretty} {time_secs}|2024-11-01 06:38:56 UTC>',
    );
    expect(slackDate(1730443136.9, 'Asia/Shanghai')).toBe(
      '<!date^1730443136^{date_short_pretty} {time_secs}|2024-11-01 14:38:56 Asia/Shanghai>',
    );
  });

  test('an unknown zone is a SlackBlocksError', () => {
    expect(() => slackDate(0, 'Mars/Olympus')).toThrowError(/Unknown time zone "Mars\/Olympus"/);
    try {
      slackDate(0, 'Mars/Olympus');
    } catch (error) {
      expect(isSlackBlocksError(error) && error.code).toBe('slack_blocks_invalid_time_zone');
    }
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
  });
});

test('formatDateTime is the transcript format', () => {
  expect(formatDateTime(Date.UTC(2026, 10, 20, 10, 3, 12))).toBe('2026-11-20 10:03:12');
});
