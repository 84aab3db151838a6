import { describe, expect, test } from 'vitest';
import { actions, button, context, divider, fields, header, section } from './blocks.ts';
import { messageToText } from './message-to-text.ts';

describe('messageToText', () => {
  test('renders each block kind readably', () => {
    const message = {
      text: 'fallback',
      blocks: [
        header(':warning: Missed inbound call'),
        section('*Needs follow-up:* caller &lt;gave up&gt; &amp; left'),
        fields([
          ['Caller', '+86 138****5678'],
          ['Agent', '_No agent_'],
        ]),
        divider(),
        context(['Session `abc`', '<!date^1730443136^{date_short_pretty}|2024-11-01 06:38:56 UTC>']),
        section('<https://x.test/r.mp3|Play the recording>'),
        actions([
          button('Call details', 'ccc_call_details', '{}'),
          button('Recording', 'ccc_call_recording', '{}'),
        ]),
      ],
    };
    expect(messageToText(message)).toBe(
      [
        '== :warning: Missed inbound call ==',
        'Needs follow-up: caller <gave up> & left',
        'Caller: +86 138****5678',
        'Agent: No agent',
        '---',
        'Session abc · 2024-11-01 06:38:56 UTC',
        'Play the recording (https://x.test/r.mp3)',
        '[Call details] [Recording]',
      ].join('\n'),
    );
  });

  test('a message without blocks renders its text', () => {
    expect(messageToText({ text: 'a &amp; b', blocks: [] })).toBe('a & b');
  });
});
