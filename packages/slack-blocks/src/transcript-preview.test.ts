import { validateMessage } from '@ccc-kit/sandbox/slack';
import { describe, expect, test } from 'vitest';
import { everyElement, hostileMessage, seedMessages } from './test-utils/chat.ts';
import { wireView } from './test-utils/view.ts';
import { transcriptPreview } from './transcript-preview.ts';

describe('transcriptPreview', () => {
  test('the seed sample', () => {
    expect(wireView(transcriptPreview(seedMessages, 10))).toMatchInlineSnapshot(`
      "text: Transcript preview: 1 of 1 message
      [section] *Transcript preview* · 1 message
      [section] *Customer* +86 186****1639 · <!date^1730939030^{date_short_pretty} {time_secs}|2024-11-07 00:23:50 UTC>
      >hello"
    `);
  });

  test('the first messages of a longer chat, with a note about the rest; foreign links as text', () => {
    const preview = transcriptPreview(everyElement, 4);
    expect(wireView(preview)).toMatchInlineSnapshot(`
      "text: Transcript preview: 4 of 11 messages
      [section] *Transcript preview* · 11 messages
      [section] *Customer* +86 186****1639 · <!date^1795168992^{date_short_pretty} {time_secs}|2026-11-20 10:03:12 UTC>
      >hi, my order
      >is late
      *Agent* shannon@qq.com · <!date^1795168993^{date_short_pretty} {time_secs}|2026-11-20 10:03:13 UTC>
      >hello
      *Customer* +86 186****1639 · <!date^1795168994^{date_short_pretty} {time_secs}|2026-11-20 10:03:14 UTC>
      ><https://im-1400000000.cos.ap-shanghai.myqcloud.com/orig.png|[image (800×600, 200.0 KB)]> [file: invoice &lt;2026&gt;.pdf (50.9 KB)] \`https://pay-now.example/invoice.pdf\`
      *Customer* +86 186****1639 · <!date^1795168995^{date_short_pretty} {time_secs}|2026-11-20 10:03:15 UTC>
      ><https://im-1400000000.cos.ap-shanghai.myqcloud.com/v.mp3|[voice message (4 s)]>
      [context] _… 7 more messages._ Showing the first 4 of 11 messages; the full transcript is in the file."
    `);
    expect(validateMessage(preview)).toEqual([]);
    // Tencent's storage stays clickable; the link the customer typed into a file element does not.
    const json = JSON.stringify(preview);
    expect(json).toContain('<https://im-1400000000.cos.ap-shanghai.myqcloud.com/orig.png|');
    expect(json).not.toContain('<https://pay-now.example');
  });

  test('every element type, including a forward and an unknown type', () => {
    expect(wireView(transcriptPreview(everyElement.slice(6), 10))).toMatchInlineSnapshot(`
      "text: Transcript preview: 5 of 5 messages
      [section] *Transcript preview* · 5 messages
      [section] *Customer* +86 186****1639 · <!date^1795168998^{date_short_pretty} {time_secs}|2026-11-20 10:03:18 UTC>
      >[sticker: thumbs_up]
      *Agent* shannon@qq.com · <!date^1795168999^{date_short_pretty} {time_secs}|2026-11-20 10:03:19 UTC>
      >[custom: Order 1042: Shipped]
      *System* system · <!date^1795169000^{date_short_pretty} {time_secs}|2026-11-20 10:03:20 UTC>
      >[custom: Transferred to Billing]
      *Agent* shannon@qq.com · <!date^1795169001^{date_short_pretty} {time_secs}|2026-11-20 10:03:21 UTC>
      >[forwarded: Chat history of 8618655061639, 2 messages]
      >↳ +86 186****1639: earlier question
      >↳ lulu@qq.com: [forwarded: Older, 1 message]
      *Customer* +86 186****1639 · <!date^1795169002^{date_short_pretty} {time_secs}|2026-11-20 10:03:22 UTC>
      >[unsupported message: TIMStreamElem]"
    `);
  });

  test('a 5,000-character message with <!channel> is escaped and clipped', () => {
    const preview = transcriptPreview([hostileMessage], 10);
    const json = JSON.stringify(preview);
    expect(json).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    expect(json).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.test|click me&gt; &amp;');
    expect(wireView(preview)).toMatchInlineSnapshot(`
      "text: Transcript preview: 1 of 1 message
      [section] *Transcript preview* · 1 message
      [section] *Customer* +86 186****1639 · <!date^1795169003^{date_short_pretty} {time_secs}|2026-11-20 10:03:23 UTC>
      >&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.test|click me&gt; &amp; spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam sp…"
    `);
    expect(validateMessage(preview)).toEqual([]);
  });

  test('no messages', () => {
    expect(wireView(transcriptPreview([], 5))).toMatchInlineSnapshot(`
      "text: Transcript: no messages
      [section] *Transcript* · no messages in this session"
    `);
  });
});
