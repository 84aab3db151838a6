import type { JsonObject } from './types.ts';

/** A `slack_file` object as Block Kit has it: exactly one of the two. */
export interface SlackFileRef {
  readonly id?: string;
  readonly url?: string;
}

/**
 * Whether a message may show this file in an image: it exists, is a png/jpg/gif, was shared to a channel
 * and is done processing. The emulator passes one; without it only the object's shape is checked.
 */
export type SlackFileCheck = (ref: SlackFileRef) => boolean;

/** Slack's pattern for `slack_file.id` (its error text quotes it). */
export const SLACK_FILE_ID: RegExp = /^F[A-Z0-9]{8,}$/;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reference when its shape is valid, after reporting what is wrong with it otherwise. */
function readRef(
  value: JsonObject,
  at: string,
  report: (message: string, pointer: string) => void,
): SlackFileRef | undefined {
  const { id, url } = value;
  if ((id === undefined) === (url === undefined)) {
    report(
      id === undefined ? 'must provide either id or url' : 'must provide either id or url, not both',
      at,
    );
    return undefined;
  }
  if (id !== undefined) {
    if (typeof id === 'string' && SLACK_FILE_ID.test(id)) return { id };
    report(`input must match regex pattern: ${SLACK_FILE_ID.source}`, `${at}/id`);
    return undefined;
  }
  if (typeof url === 'string' && /^https?:\/\/\S+$/i.test(url)) return { url };
  report('invalid_url', `${at}/url`);
  return undefined;
}

/**
 * Checks an image's `slack_file` object at `at` (e.g. `/blocks/0/slack_file`). A well-formed reference
 * that `usable` refuses is Slack's `invalid slack file`, the error an app gets for a file that does not
 * exist, is not an image, was never shared to a channel or is still processing.
 */
export function checkSlackFile(
  value: unknown,
  at: string,
  report: (message: string, pointer: string) => void,
  usable: SlackFileCheck | undefined,
): void {
  if (!isObject(value)) {
    report('must provide an object', at);
    return;
  }
  const ref = readRef(value, at, report);
  if (ref && usable && !usable(ref)) report('invalid slack file', at);
}
