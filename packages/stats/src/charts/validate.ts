import * as v from 'valibot';
import { StatsError, StatsErrorCode } from '../errors.ts';

/** Issues shown in a message; the rest are counted, so a huge bad input still gives a short message. */
const SHOWN_ISSUES = 5;

const describe = (issue: v.BaseIssue<unknown>): string => {
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
};

/**
 * Parses `input` with `schema`, or throws `stats_invalid_option` naming every failing path
 * (`hours.2.hour: must be an integer from 0 to 23, got 24`), the first five of them in the message.
 */
export function parseChartInput<S extends v.GenericSchema>(
  what: string,
  schema: S,
  input: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const lines = result.issues.map(describe);
  const more = lines.length > SHOWN_ISSUES ? `; … ${lines.length - SHOWN_ISSUES} more` : '';
  throw new StatsError(
    StatsErrorCode.InvalidOption,
    `${what}: invalid input: ${lines.slice(0, SHOWN_ISSUES).join('; ')}${more}`,
  );
}

/** A number schema with a message that says the range and echoes what was received. */
export const numberIn = (min: number, max: number, integer: boolean): v.GenericSchema<number> =>
  v.pipe(
    v.number((issue) => `must be a number, got ${issue.received}`),
    v.check(
      (value) =>
        Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value)),
      (issue) =>
        `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${String(issue.input)}`,
    ),
  );
