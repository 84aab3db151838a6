import { describe, expect, test } from 'vitest';
import { escapeMrkdwn, mrkdwnCode, mrkdwnLink } from './escape.ts';

describe('escapeMrkdwn', () => {
  test('escapes the three control characters, & first so entities are not doubled wrongly', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U1> <#C1|x> <https://evil.test|click>')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U1&gt; &lt;#C1|x&gt; &lt;https://evil.test|click&gt;',
    );
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });

  test('leaves everything else alone', () => {
    expect(escapeMrkdwn('*bold* _it_ 山浓 😀 "q"')).toBe('*bold* _it_ 山浓 😀 "q"');
  });
});

describe('mrkdwnLink', () => {
  test('links http(s) URLs with an escaped label', () => {
    expect(mrkdwnLink('https://x.test/a?b=1&c=2', 'a <b>')).toBe(
      '<https://x.test/a?b=1&amp;c=2|a &lt;b&gt;>',
    );
  });

  test('a | in the URL cannot smuggle a label', () => {
    expect(mrkdwnLink('https://x.test/|<!channel>', 'file')).toBe(
      '<https://x.test/%7C&lt;!channel&gt;|file>',
    );
  });

  test('other schemes and missing URLs give the escaped label only', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('@U123', 'x')).toBe('x');
    expect(mrkdwnLink(undefined, '<x>')).toBe('&lt;x&gt;');
  });
});

test('mrkdwnCode escapes and cannot be closed by a backtick', () => {
  expect(mrkdwnCode('a`b<c>')).toBe('`aˋb&lt;c&gt;`');
});
