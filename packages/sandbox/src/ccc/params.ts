import * as v from 'valibot';
import { type ApiFailure, fail } from './api-error.ts';

/** Documented limits of the CCC record queries. */
export const WINDOW_LIMITS: { readonly maxAgeSeconds: number; readonly maxSpanSeconds: number } = {
  /** The start may be at most 180 days in the past. */
  maxAgeSeconds: 180 * 86_400,
  /** `end - start` must be strictly less than 90 days. */
  maxSpanSeconds: 90 * 86_400,
};

/**
 * Validates a request body against an action's request schema: a missing key becomes `MissingParameter`,
 * a wrong type `InvalidParameter`, each naming the parameter as Tencent does.
 */
export function readParams<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
): { readonly ok: true; readonly value: v.InferOutput<S> } | ApiFailure {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('InvalidParameter', 'The request body must be a JSON object.');
  }
  const result = v.safeParse(schema, body);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue ? (v.getDotPath(issue) ?? '') : '';
  if (issue?.received === 'undefined') {
    return fail('MissingParameter', `The request is missing a required parameter \`${path}\`.`);
  }
  return fail(
    'InvalidParameter',
    `The parameter \`${path}\` is invalid: ${issue?.message ?? 'invalid value'}.`,
  );
}

/** `InvalidParameter` for the first named parameter that is present but not an integer. */
export function checkIntegers(
  params: Readonly<Record<string, unknown>>,
  names: readonly string[],
): ApiFailure | undefined {
  for (const name of names) {
    const value = params[name];
    if (value !== undefined && !Number.isSafeInteger(value)) {
      return fail('InvalidParameter', `The parameter \`${name}\` must be an integer.`);
    }
  }
  return undefined;
}

/** `InvalidParameter` when the list parameter `name` is present and holds a value that is not an integer. */
export function checkIntegerList(
  params: Readonly<Record<string, unknown>>,
  name: string,
): ApiFailure | undefined {
  const list = params[name];
  return Array.isArray(list) && list.some((value) => !Number.isSafeInteger(value))
    ? fail('InvalidParameter', `The parameter \`${name}\` must hold integers.`)
    : undefined;
}

/** The documented time-window rules, answered with `InvalidParameterValue`. */
export function checkWindow(
  start: number,
  end: number,
  nowSeconds: number,
  [startName, endName]: readonly [string, string],
): ApiFailure | undefined {
  if (start > end)
    return fail('InvalidParameterValue', `\`${startName}\` must not be later than \`${endName}\`.`);
  if (start < nowSeconds - WINDOW_LIMITS.maxAgeSeconds) {
    return fail('InvalidParameterValue', `\`${startName}\` supports up to the last 180 days.`);
  }
  if (end - start >= WINDOW_LIMITS.maxSpanSeconds) {
    return fail(
      'InvalidParameterValue',
      `The range between \`${startName}\` and \`${endName}\` must be less than 90 days.`,
    );
  }
  return undefined;
}

/** A `SdkAppId` that is not the emulated application's. */
export function checkSdkAppId(value: number, expected: number): ApiFailure | undefined {
  return value === expected
    ? undefined
    : fail('InvalidParameterValue.InstanceNotExist', `The application ${value} does not exist.`);
}
