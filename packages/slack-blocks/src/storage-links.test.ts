import { describe, expect, test } from 'vitest';
import { isTencentStorageUrl, mediaLink } from './storage-links.ts';

describe('isTencentStorageUrl', () => {
  test.each([
    'https://im-1400000000.cos.ap-shanghai.myqcloud.com/a/b.png',
    'https://example-1250000000.cos.ap-guangzhou.tencentcos.cn/record/x.mp3',
    'HTTPS://IM-1.COS.AP-SHANGHAI.MYQCLOUD.COM/x.png',
  ])('%s is on Tencent storage', (url) => {
    expect(isTencentStorageUrl(url)).toBe(true);
  });

  test.each([
    ['plain http', 'http://im-1.cos.ap-shanghai.myqcloud.com/x.png'],
    ['another host', 'https://evil.test/invoice.pdf'],
    ['the suffix inside a longer name', 'https://myqcloud.com.evil.test/x.png'],
    ['a look-alike', 'https://im-1.cos.ap-shanghai.myqcloud.co/x.png'],
    ['credentials before the host', 'https://user:pw@im-1.cos.ap-shanghai.myqcloud.com/x.png'],
    ['not a URL', 'im-1.cos.ap-shanghai.myqcloud.com/x.png'],
    ['a javascript: URL', 'javascript:alert(1)//.myqcloud.com'],
  ])('%s is not', (_, url) => {
    expect(isTencentStorageUrl(url)).toBe(false);
  });
});

describe('mediaLink', () => {
  test('a Tencent storage link is a link; any other is text in inline code', () => {
    expect(mediaLink('https://im-1.cos.ap-shanghai.myqcloud.com/x.png', '[image]')).toBe(
      '<https://im-1.cos.ap-shanghai.myqcloud.com/x.png|[image]>',
    );
    expect(mediaLink('https://evil.test/pay?a=1&b=<2>', '[file: <invoice>.pdf]')).toBe(
      '[file: &lt;invoice&gt;.pdf] `https://evil.test/pay?a=1&amp;b=&lt;2&gt;`',
    );
    expect(mediaLink(undefined, '[voice message]')).toBe('[voice message]');
  });
});
