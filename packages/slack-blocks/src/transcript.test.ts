import { describe, expect, test } from 'vitest';
import { everyElement, hostileMessage, seedMessages } from './test-utils/chat.ts';
import { transcriptText } from './transcript.ts';

describe('transcriptText', () => {
  test('the seed sample: one customer line, number masked', () => {
    expect(transcriptText(seedMessages)).toMatchInlineSnapshot(`
      "[2024-11-07 00:23:50] Customer +86 186****1639: hello
      "
    `);
  });

  test('renders every element type, nested forwards indented, unknown types named', () => {
    expect(transcriptText(everyElement)).toMatchInlineSnapshot(`
      "[2026-11-20 10:03:12] Customer +86 186****1639: hi, my order
          is late
      [2026-11-20 10:03:13] Agent shannon@qq.com: hello
      [2026-11-20 10:03:14] Customer +86 186****1639: [image (800×600, 200.0 KB)] https://im-1400000000.cos.ap-shanghai.myqcloud.com/orig.png [file: invoice <2026>.pdf (50.9 KB)] https://pay-now.example/invoice.pdf
      [2026-11-20 10:03:15] Customer +86 186****1639: [voice message (4 s)] https://im-1400000000.cos.ap-shanghai.myqcloud.com/v.mp3
      [2026-11-20 10:03:16] Customer +86 186****1639: [video (12 s, mp4)] https://im-1400000000.cos.ap-shanghai.myqcloud.com/v.mp4
      [2026-11-20 10:03:17] Customer +86 186****1639: [location: Office (22.5431, 113.9345)]
      [2026-11-20 10:03:18] Customer +86 186****1639: [sticker: thumbs_up]
      [2026-11-20 10:03:19] Agent shannon@qq.com: [custom: Order 1042: Shipped]
      [2026-11-20 10:03:20] System system: [custom: Transferred to Billing]
      [2026-11-20 10:03:21] Agent shannon@qq.com: [forwarded: Chat history of 8618655061639, 2 messages]
          [2025-11-20 09:46:40] +86 186****1639: earlier question
          [2025-11-20 09:47:40] lulu@qq.com: [forwarded: Older, 1 message]
              [2025-11-20 09:30:00] a@qq.com: oldest
      [2026-11-20 10:03:22] Customer +86 186****1639: [unsupported message: TIMStreamElem]
      "
    `);
  });

  test('showNumbers and timeZone', () => {
    expect(transcriptText(seedMessages, { showNumbers: true, timeZone: 'Asia/Shanghai' })).toBe(
      '[2024-11-07 08:23:50] Customer 8618655061639: hello\n',
    );
  });

  test('orders messages oldest first (Desk answers newest first by default)', () => {
    const lines = transcriptText([...everyElement].reverse()).split('\n');
    expect(lines[0]).toMatch(/^\[2026-11-20 10:03:12\] Customer/);
  });

  test('keeps a 5,000-character message whole: a file is not mrkdwn', () => {
    const text = transcriptText([hostileMessage]);
    expect(text).toContain('<!channel> <@U123>');
    expect(text.length).toBeGreaterThan(5000);
  });

  test('an empty session says so', () => {
    expect(transcriptText([])).toBe('No messages in this session.\n');
  });
});
