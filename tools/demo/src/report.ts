/** A top-level Slack message, rendered as text, with its thread replies. */
export interface RenderedPost {
  readonly text: string;
  readonly replies: readonly string[];
}

/** What a channel ended up with. */
export interface ChannelReport {
  /** `#calls`. */
  readonly name: string;
  readonly posts: readonly RenderedPost[];
}

/** A slash command or a button click, and the bot's answer rendered as text. */
export interface ExchangeReport {
  /** What the user did, e.g. `/ccc state 5f0c…` or `Clicked "Call details" in #calls`. */
  readonly action: string;
  readonly reply: string;
}

/** The numbers of the one-screen summary. */
export interface DemoSummary {
  /** HTTP pushes the webhook answered, by action (`cdr`, `record`, …). */
  readonly received: Readonly<Record<string, number>>;
  /** Distinct records stored in the inbox. */
  readonly stored: number;
  readonly posts: number;
  readonly threadReplies: number;
  readonly channels: number;
  readonly deduplicated: number;
  readonly quarantined: number;
  /** Recordings pushed before their call, found in the call's thread. */
  readonly outOfOrder: number;
  /** Posts the webhook updated in place when a recording or voicemail joined their thread. */
  readonly updatedPosts: number;
  /** Outbox messages that exhausted their attempts (expected: 0). */
  readonly deadLetters: number;
  readonly exchanges: number;
  readonly seconds: number;
}

const RULE_WIDTH = 78;

/** `── title ─────` padded to a fixed width, the section separator of the report. */
export function rule(title: string): string {
  const head = `── ${title} `;
  return head + '─'.repeat(Math.max(3, RULE_WIDTH - head.length));
}

const indent = (text: string, prefix: string, first = prefix): string =>
  text
    .split('\n')
    .map((line, i) => `${i === 0 ? first : prefix}${line}`.trimEnd())
    .join('\n');

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * One channel: a heading with its counts, the first `show` posts in full (thread replies under them),
 * and a count of the rest.
 *
 * @example
 * process.stdout.write(`${formatChannel({ name: '#calls', posts }, 2)}\n`);
 */
export function formatChannel(channel: ChannelReport, show: number): string {
  const replies = channel.posts.reduce((sum, post) => sum + post.replies.length, 0);
  const lines = [
    rule(
      `${channel.name}: ${plural(channel.posts.length, 'post')}, ${plural(replies, 'thread reply', 'thread replies')}`,
    ),
  ];
  if (channel.posts.length === 0) lines.push('  (nothing posted)');
  for (const post of channel.posts.slice(0, show)) {
    lines.push(indent(post.text, '  '));
    for (const reply of post.replies) lines.push(indent(reply, '      ', '    ↳ '));
    lines.push('');
  }
  const hidden = channel.posts.length - Math.min(show, channel.posts.length);
  if (hidden > 0)
    lines.push(
      `  … and ${plural(hidden, 'more post')} (--show all prints them; --serve shows them in the web view)`,
      '',
    );
  return lines.join('\n');
}

/** The two featured threads: a call with its participants' recordings, and one with a voicemail. */
export function formatFeatured(threads: {
  readonly recordings: RenderedPost & { readonly updates: number };
  readonly voicemail: RenderedPost & { readonly updates: number };
}): string {
  const one = (title: string, post: RenderedPost & { readonly updates: number }): string[] => {
    const updated = post.updates > 0 ? `, updated ${plural(post.updates, 'time')}` : '';
    return [
      rule(`${title} (#calls${updated})`),
      indent(post.text, '  '),
      ...post.replies.map((reply) => indent(reply, '      ', '    ↳ ')),
      '',
    ];
  };
  return [
    ...one("A call's recordings, one per participant, in its thread", threads.recordings),
    ...one("A voicemail in its call's thread", threads.voicemail),
  ].join('\n');
}

/** A command or click and the bot's answer. */
export function formatExchange(exchange: ExchangeReport): string {
  return [rule(exchange.action), indent(exchange.reply, '  '), ''].join('\n');
}

const row = (label: string, value: string): string => `  ${label.padEnd(22)}${value}`;

/** The one-screen summary. */
export function formatSummary(summary: DemoSummary): string {
  const received = Object.values(summary.received).reduce((a, b) => a + b, 0);
  const byAction = Object.entries(summary.received)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, count]) => `${action} ${count}`)
    .join(', ');
  return [
    rule('Summary'),
    row('Pushes received', `${received} (${byAction})`),
    row('Records stored', String(summary.stored)),
    row(
      'Posted to Slack',
      `${summary.posts + summary.threadReplies} messages in ${plural(summary.channels, 'channel')} (${summary.posts} posts, ${plural(summary.threadReplies, 'thread reply', 'thread replies')})`,
    ),
    row('Deduplicated', `${summary.deduplicated} (a push Tencent sent twice was posted once)`),
    row('Quarantined', `${summary.quarantined} (a malformed push, kept for inspection)`),
    row(
      'Out of order',
      `${summary.outOfOrder} (a recording pushed before its call, posted in the call's thread)`,
    ),
    row(
      'Posts updated',
      `${summary.updatedPosts} (in place, when a recording or voicemail joined the call's thread)`,
    ),
    row('Dead letters', String(summary.deadLetters)),
    row('Commands and clicks', `${summary.exchanges} answered`),
    row('Time taken', `${summary.seconds.toFixed(1)} s`),
    '',
  ].join('\n');
}
