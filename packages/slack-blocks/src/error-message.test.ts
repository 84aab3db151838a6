import { describe, expect, test } from 'vitest';
import { errorMessage } from './error-message.ts';
import { wireView } from './test-utils/view.ts';

const random = () => 'ab12cd34';

// Shaped like @ccc-kit/ccc-client's CccError: a code, a request id and a message meant for logs.
class CccError extends Error {
  override name = 'CccError';
  readonly code: string;
  readonly requestId: string | undefined;
  constructor(code: string, message: string, requestId?: string) {
    super(message);
    this.code = code;
    this.requestId = requestId;
  }
}

describe('errorMessage', () => {
  test('an unknown error says something went wrong and gives a reference, never its message or stack', () => {
    const secret = new Error('connect failed for https://ccc.test/?SecretKey=AKIDsecret123 at 10.0.0.1');
    const message = errorMessage(secret, { random });
    expect(wireView(message)).toMatchInlineSnapshot(`
      "text: Something went wrong while looking this up. Try again in a minute; if it keeps failing, give this reference to your admin.
      [section] :warning: *Something went wrong while looking this up.*
      Try again in a minute; if it keeps failing, give this reference to your admin: \`ab12cd34\`
      [context] Reference: \`ab12cd34\`"
    `);
    const json = JSON.stringify(message);
    expect(json).not.toContain('AKIDsecret');
    expect(json).not.toContain('10.0.0.1');
    expect(json).not.toContain('at ');
  });

  test('non-objects are unknown errors too', () => {
    for (const value of [undefined, null, 'boom with secret', 42])
      expect(errorMessage(value, { reference: 'req-7' }).blocks).toEqual(
        errorMessage({}, { reference: 'req-7' }).blocks,
      );
  });

  test('a known code gets its own words and the request id as reference', () => {
    const timeout = new CccError(
      'ccc_client_timeout',
      'POST https://ccc.tencentcloudapi.com timed out',
      'r-1',
    );
    expect(wireView(errorMessage(timeout))).toMatchInlineSnapshot(`
      "text: The contact center did not answer in time. Try again in a minute.
      [section] :warning: *The contact center did not answer in time.*
      Try again in a minute.
      [context] Reference: \`r-1\`"
    `);
    expect(errorMessage(new CccError('InternalError', 'x', 'r-3')).text).toBe(
      'The contact center reported an internal error. Try again in a minute.',
    );
    expect(errorMessage(new CccError('desk_client_network_error', 'x', 'r-4')).text).toBe(
      'The contact center could not be reached. Try again in a minute.',
    );
    expect(
      wireView(errorMessage(new CccError('FailedOperation.SessionNotExists', 'x', 'r-2'))),
    ).toMatchInlineSnapshot(`
      "text: No session with that id was found in that time range. Check the session id, or look further back.
      [section] :warning: *No session with that id was found in that time range.*
      Check the session id, or look further back.
      [context] Reference: \`r-2\`"
    `);
    expect(errorMessage(new CccError('AuthFailure.SignatureFailure', 'bad sig', 'r-3')).text).toBe(
      'The app could not sign in to the contact center. Ask your Slack admin to check the contact center connection.',
    );
    expect(errorMessage({ code: 'RequestLimitExceeded' }, { random }).text).toContain('Too many lookups');
  });

  test('a described error shows its message and hint, escaped and without links', () => {
    const described = {
      code: 'bot_no_such_session',
      message: 'No call <!channel> found & see https://signed.test/rec?sig=abc',
      hint: 'Check the id in `/call`.',
      requestId: 'req-42',
    };
    expect(wireView(errorMessage(described))).toMatchInlineSnapshot(`
      "text: No call &lt;!channel&gt; found &amp; see [link removed] Check the id in \`/call\`.
      [section] :warning: *No call &lt;!channel&gt; found &amp; see [link removed]*
      Check the id in \`/call\`.
      [context] Reference: \`req-42\`"
    `);
  });

  test('a request id that is not a plain id is not echoed', () => {
    const message = errorMessage({ requestId: '<!here> x' }, { random });
    expect(JSON.stringify(message)).not.toContain('here');
    expect(message.blocks.at(-1)).toMatchObject({ elements: [{ text: 'Reference: `ab12cd34`' }] });
  });

  test('without reference or random, a short random reference is made', () => {
    const text = JSON.stringify(errorMessage(new Error('x')));
    expect(text).toMatch(/Reference: `[0-9a-f]{8}`/);
  });
});
