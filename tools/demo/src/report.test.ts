import { describe, expect, test } from 'vitest';
import { formatChannel, formatExchange, formatSummary, rule } from './report.ts';

describe('report', () => {
  test('rule pads titles to one width', () => {
    expect(rule('Summary')).toHaveLength(78);
    expect(rule('Summary').startsWith('── Summary ─')).toBe(true);
  });

  test('a channel shows the first posts in full, replies under them, and counts the rest', () => {
    const text = formatChannel(
      {
        name: '#calls',
        posts: [
          { text: '== Answered call ==\nAgent: Mei', replies: ['Recording\nlink'] },
          { text: '== Missed call ==', replies: [] },
          { text: '== Outbound call ==', replies: [] },
        ],
      },
      1,
    );
    expect(text).toContain('#calls: 3 posts, 1 thread reply');
    expect(text).toContain('  == Answered call ==\n  Agent: Mei\n    ↳ Recording\n      link');
    expect(text).not.toContain('Missed call');
    expect(text).toContain('… and 2 more posts');
  });

  test('an empty channel says so', () => {
    expect(formatChannel({ name: '#voicemail', posts: [] }, 2)).toContain('(nothing posted)');
  });

  test('an exchange shows the action and the indented answer', () => {
    expect(formatExchange({ action: '/ccc state s1', reply: 'Agent\nMei' })).toContain('/ccc state s1 ─');
    expect(formatExchange({ action: '/ccc state s1', reply: 'Agent\nMei' })).toContain('  Agent\n  Mei');
  });

  test('the summary lists the counts on one screen', () => {
    const text = formatSummary({
      received: { record: 30, cdr: 41, imcdr: 8 },
      stored: 77,
      posts: 60,
      threadReplies: 25,
      channels: 4,
      deduplicated: 1,
      quarantined: 1,
      deadLetters: 0,
      outOfOrder: 1,
      updatedPosts: 3,
      exchanges: 5,
      seconds: 6.25,
    });
    expect(text).toContain('Pushes received       79 (cdr 41, imcdr 8, record 30)');
    expect(text).toContain('85 messages in 4 channels (60 posts, 25 thread replies)');
    expect(text).toMatch(/Deduplicated +1 /);
    expect(text).toMatch(/Quarantined +1 /);
    expect(text).toContain('Time taken            6.3 s');
    expect(text).toMatch(/Posts updated +3 \(in place/);
    expect(text.split('\n').length).toBeLessThan(15);
  });
});
