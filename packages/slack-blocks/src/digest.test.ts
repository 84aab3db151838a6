import { describe, expect, test } from 'vitest';
import { type DigestFigures, digestMessage } from './digest.ts';
import { messageToText } from './message-to-text.ts';

const day = (offered: number, answered: number): DigestFigures => ({
  offered,
  answered,
  missed: offered - answered,
  answerRate: offered ? answered / offered : null,
  serviceLevel: 0.8,
  waitP90: 95,
  longestWait: 640,
});

describe('digestMessage', () => {
  test('headline numbers compared with the day before and the same weekday last week', () => {
    const message = digestMessage({
      day: '2026-12-03',
      figures: day(200, 180),
      previousDay: day(160, 150),
      lastWeek: day(250, 200),
      worstGroup: { name: 'Support <!here>', missed: 12, offered: 80, waitP90: 130 },
      waiting: { open: 3, taken: 2 },
      serviceLevelSeconds: 20,
      chart: { fileId: 'F0CHART0001', alt: 'Calls per hour' },
    });
    const text = messageToText(message);
    expect(text).toContain('Calls on Thu 2026-12-03');
    expect(text).toContain('Offered: 200 +25% vs Wed · −20% vs last Thu');
    expect(text).toContain('Missed: 20 +100% vs Wed · −60% vs last Thu');
    expect(text).toContain('Answer rate: 90% −4 pts vs Wed · +10 pts vs last Thu');
    expect(text).toContain('Answered within 20s: 80%');
    expect(text).toContain('p90 1m 35s · longest 10m 40s');
    expect(text).toContain('Worst group: Support <!here>, 12 of 80 missed, p90 wait 2m 10s');
    expect(JSON.stringify(message.blocks)).toContain('*Support &lt;!here&gt;*'); // cannot ping anyone
    expect(text).toContain('3 open, 2 taken');
    expect(message.blocks.at(-1)).toEqual({
      type: 'image',
      slack_file: { id: 'F0CHART0001' },
      alt_text: 'Calls per hour',
    });
    expect(message.text).toBe('Calls on 2026-12-03: 200 offered, 180 answered, 20 missed (90% answered)');
  });

  test('a quiet day and no history: no comparisons, dashes instead of rates, no image', () => {
    const message = digestMessage({ day: '2026-12-03', figures: day(0, 0), serviceLevelSeconds: 20 });
    const text = messageToText(message);
    expect(text).toContain('Offered: 0');
    expect(text).toContain('Answer rate: –');
    expect(text).not.toContain(' vs ');
    expect(message.blocks.some((b) => b.type === 'image')).toBe(false);
  });
});
