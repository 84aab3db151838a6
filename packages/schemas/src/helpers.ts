import * as v from 'valibot';
import { parseWith, type SafeParseResult, safeParseWith } from './parse.ts';

/** A throwing parser for one payload schema. */
export type Parser<S extends v.GenericSchema> = (input: unknown) => v.InferOutput<S>;
/** A non-throwing parser for one payload schema. */
export type SafeParser<S extends v.GenericSchema> = (input: unknown) => SafeParseResult<v.InferOutput<S>>;

/** Builds the `parseX` helper of a schema; `what` names the payload in error messages. */
export function parser<S extends v.GenericSchema>(schema: S, what: string): Parser<S> {
  return (input) => parseWith(schema, input, what);
}

/** Builds the `safeParseX` helper of a schema. */
export function safeParser<S extends v.GenericSchema>(schema: S): SafeParser<S> {
  return (input) => safeParseWith(schema, input);
}

/**
 * An array that Tencent sometimes sends as `null` or omits (e.g. `"IVRKeyPressed": null` in the push
 * samples): both parse to `[]` so consumers never branch on null.
 */
export const list = <S extends v.GenericSchema>(item: S) => v.nullish(v.array(item), () => []);

/**
 * A string field with documented values that must still accept values Tencent adds later: the output type
 * keeps autocompletion for `Known` while any string parses.
 */
export const openString = <Known extends string>() =>
  v.pipe(
    v.string(),
    v.transform((s) => s as Known | (string & {})),
  );

/** Optional string that tolerates `null` (parsed as absent). */
export const optString = () => v.nullish(v.string());
/** Optional number that tolerates `null` (parsed as absent). */
export const optNumber = () => v.nullish(v.number());

/**
 * A loose object that also rejects arrays (valibot's object schemas accept them as objects with no keys,
 * which would report a confusing "missing SessionId" for a JSON array body).
 */
export const rootObject = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(
    v.unknown(),
    v.check((input) => !Array.isArray(input), 'Invalid type: Expected Object but received Array'),
    v.looseObject(entries),
  );
