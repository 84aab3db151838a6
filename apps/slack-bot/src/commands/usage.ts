/** The subcommands, for messages and the manifest's usage hint. */
export const SUBCOMMANDS: readonly string[] = [
  'state',
  'transcript',
  'call',
  'calls',
  'missed',
  'stats',
  'sessions',
  'help',
];

/** Usage with examples, shown by `/ccc help` and under every parse problem (Slack mrkdwn). */
export const USAGE: string = [
  '*Usage*',
  '• `/ccc state <SessionId>` (or `/ccc state user <ClientUserId> <CustomerServiceId>`): who is serving a chat now',
  '• `/ccc transcript <SessionId>`: every message of a chat, or the speech transcript of a call, as a file sent to you alone',
  '• `/ccc call <SessionId> [--since <date>|<days>d]`: details of a voice call (searches the last 89 days)',
  "• `/ccc calls <number> [--since 30d]`: a customer's calls, newest first (default: the last 30 days)",
  "• `/ccc calls --agent <@person or email> [--since 7d]`: an agent's calls, newest first (default: the last 7 days)",
  '• `/ccc missed [--since 24h] [--group <skill group>]`: missed calls waiting for a callback, and who has them',
  '• `/ccc stats [today|yesterday|7d|<from>..<to>] [--group <skill group>]`: offered, answered and missed calls, service level and waits (up to 90 days), with a chart',
  '• `/ccc sessions [ClientUserId] [--since 24h|7d|<date>]`: recent chat sessions (default: the last 7 days)',
  '• `/ccc help`: this message',
  '*Examples*',
  '`/ccc state a97d3e1f-a88b-403b-9b3a-7bc6554ea05d`',
  '`/ccc call 0cf5be1b-de75-4445-a0c4-8dff3fa4b68b --since 120d`',
  '`/ccc calls +86 138 0013 8000 --since 90d`',
  '`/ccc calls --agent @wang.fang`',
  '`/ccc stats 7d --group Support`',
  '`/ccc sessions 1299314544 --since 2024-11-01`',
].join('\n');
