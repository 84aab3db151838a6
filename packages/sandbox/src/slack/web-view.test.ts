import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { SlackEmulator } from './emulator-types.ts';
import { mrkdwnToHtml } from './mrkdwn.ts';
import { startSlackEmulator } from './server.ts';
import { emulatorClient, tinyPng, uploadFile } from './test-utils.ts';

describe('mrkdwnToHtml', () => {
  test('renders bold, italic, strike and code', () => {
    expect(mrkdwnToHtml('*Agent* _queued_ ~old~ `c-1`')).toBe(
      '<b>Agent</b> <i>queued</i> <s>old</s> <code>c-1</code>',
    );
  });

  test('renders links, mentions and dates', () => {
    expect(mrkdwnToHtml('<https://x.test/a?b=1&amp;c=2|Recording>')).toBe(
      '<a href="https://x.test/a?b=1&amp;c=2" rel="noopener noreferrer">Recording</a>',
    );
    expect(mrkdwnToHtml('<!date^1700000000^{date_short} {time}|Nov 14 22:13>')).toBe('Nov 14 22:13');
    expect(mrkdwnToHtml('<@U0AGENT> <#C0CALLS|calls> <!here>')).toBe(
      '<b>@U0AGENT</b> <b>#calls</b> <b>@here</b>',
    );
  });

  test('escapes HTML and refuses script URLs', () => {
    expect(mrkdwnToHtml('&lt;script&gt;alert(1)&lt;/script&gt; "q"')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
    expect(mrkdwnToHtml('<script>')).not.toContain('<script');
    expect(mrkdwnToHtml('`<b>x</b>`')).toBe('<code>&lt;b&gt;x&lt;/b&gt;</code>');
  });

  test('keeps line breaks and fenced code', () => {
    expect(mrkdwnToHtml('a\nb')).toBe('a<br>b');
    expect(mrkdwnToHtml('```x\ny```')).toBe('<pre>x\ny</pre>');
  });
});

describe('web page', () => {
  let slack: SlackEmulator;

  beforeAll(async () => {
    slack = await startSlackEmulator();
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  async function page(path = '/'): Promise<{ status: number; html: string; csp: string | null }> {
    const response = await fetch(`${slack.url}${path}`);
    return {
      status: response.status,
      html: await response.text(),
      csp: response.headers.get('content-security-policy'),
    };
  }

  test('renders a posted card: header, fields, buttons, thread and file', async () => {
    const client = emulatorClient(slack);
    const root = await client.chat.postMessage({
      channel: 'C0CALLS',
      text: 'Call ended',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Call c-1 ended' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Agent*\nAna' }] },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in CCC' }, style: 'primary' }],
        },
      ],
    });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'QA _passed_', thread_ts: root.ts as string });
    await client.filesUploadV2({
      channel_id: 'C0CALLS',
      content: 'hello',
      filename: 't.txt',
      title: 'Transcript',
    });
    const { status, html, csp } = await page();
    expect(status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain('<h3 class="header">Call c-1 ended</h3>');
    expect(html).toContain('<div class="field"><b>Agent</b><br>Ana</div>');
    expect(html).toContain('<button type="button" disabled class="primary">Open in CCC</button>');
    expect(html).toMatch(/<div class="thread">[\s\S]*QA <i>passed<\/i>/);
    const fileId = slack.uploads()[0]?.id as string;
    expect(html).toContain(`<a href="/files/${fileId}">Transcript</a>`);
    const file = await fetch(`${slack.url}/files/${fileId}`);
    expect(await file.text()).toBe('hello');
  });

  test('escapes message content so no script gets in', async () => {
    const client = emulatorClient(slack);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    await client.chat.postMessage({
      channel: 'C0CALLS',
      text: evil,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: evil } },
        { type: 'section', text: { type: 'mrkdwn', text: `*${evil}*` } },
      ],
    });
    slack.createChannel('"><script>x</script>');
    const { html } = await page();
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('shows an uploaded image as <img> served by the emulator, alt text and title escaped', async () => {
    const client = emulatorClient(slack);
    const png = tinyPng();
    const id = await uploadFile(client, { bytes: png, filename: 'chart.png', channel: 'C0CALLS' });
    const evil = '"><script>alert(1)</script>';
    await client.chat.postMessage({
      channel: 'C0CALLS',
      text: 'Digest',
      blocks: [
        { type: 'image', slack_file: { id }, alt_text: evil, title: { type: 'plain_text', text: evil } },
        { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'remote' },
        { type: 'image', slack_file: { url: `${slack.url}/files/${id}/chart.png` }, alt_text: 'by url' },
      ],
    });
    const { html, csp } = await page('/channels/C0CALLS');
    const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
    expect(html).toContain(`<img class="picture" src="/files/${id}" alt="${escaped}">`);
    expect(html).toContain(
      `<a href="/files/${id}">chart.png</a> (${png.length} bytes)<br><img class="picture"`,
    );
    expect(html).toContain(`<figcaption>${escaped}</figcaption>`);
    expect(html).toContain(`<img class="picture" src="/files/${id}" alt="by url">`);
    expect(html).not.toContain('<script');
    // A remote image stays a link: the page loads images from the emulator only.
    expect(html).not.toContain('src="https://example.com');
    expect(csp).toContain("img-src 'self'");
    const image = await fetch(`${slack.url}/files/${id}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBeNull();
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    const download = await fetch(`${slack.url}/files/${id}/download/chart.png`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="chart.png"');
  });

  test('shows one channel at /channels/<id>, 404 for an unknown one', async () => {
    const client = emulatorClient(slack);
    await client.chat.postMessage({ channel: 'C0ALERTS', text: 'alert one' });
    await client.chat.postMessage({ channel: 'C0CALLS', text: 'call one' });
    const { html } = await page('/channels/C0ALERTS');
    expect(html).toContain('alert one');
    expect(html).not.toContain('call one');
    expect((await page('/channels/C0NOPE')).status).toBe(404);
  });

  test('shows each user’s Home tab at /home/<user>, linked from every page; 404 for an unknown user', async () => {
    const refresh = {
      type: 'button',
      action_id: 'home_refresh',
      text: { type: 'plain_text', text: 'Refresh' },
    };
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Queue now' } },
      { type: 'actions', elements: [refresh] },
    ];
    await emulatorClient(slack).views.publish({ user_id: 'U0SANDBOXUSER', view: { type: 'home', blocks } });
    expect((await page('/channels/C0CALLS')).html).toContain(
      '<a href="/home/U0SANDBOXUSER">U0SANDBOXUSER</a>',
    );
    const { status, html, csp } = await page('/home/U0SANDBOXUSER');
    expect(status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain('<h3 class="header">Queue now</h3>');
    expect(html).toContain('<button type="button" disabled>Refresh</button>');
    expect(html).toContain('Published 1×');
    expect((await page('/home/U0NOBODY')).status).toBe(404);
  });

  test('a user who opened the Home tab with nothing published yet gets a page that says so', async () => {
    const result = await slack.openHome({ url: `${slack.url}/not-an-app`, userId: 'U0AGENT' });
    expect(result.status).toBe(404);
    const { status, html } = await page('/home/U0AGENT');
    expect(status).toBe(200);
    expect(html).toContain('has not published a Home view for this user yet');
    expect(html).not.toContain('href="/home/U0AGENT"');
  });
});
