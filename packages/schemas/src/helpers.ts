import * as v from 'valibot';
import { parseWith, type SafeParseResult, SchemaError, safeParseWith } from './parse.ts';
import { type ReliedPaths, safeParseTolerant, type TolerantParseResult } from './tolerance.ts';

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

/** A non-throwing tolerant parser: wrong values outside the relied fields are dropped with a warning. */
export type TolerantSafeParser<S extends v.GenericSchema> = (
  input: unknown,
) => TolerantParseResult<v.InferOutput<S>>;

/** Builds the `parseX` helper of a push schema: tolerant (see `safeParseTolerant`), warnings discarded. */
export function tolerantParser<S extends v.GenericSchema>(
  schema: S,
  relied: ReliedPaths,
  what: string,
): Parser<S> {
  return (input) => {
    const result = safeParseTolerant(schema, input, relied);
    if (!result.ok) throw new SchemaError(what, result.issues);
    return result.value;
  };
}

/** Builds the `safeParseX` helper of a push schema: tolerant, with the warnings. */
export function tolerantSafeParser<S extends v.GenericSchema>(
  schema: S,
  relied: ReliedPaths,
): TolerantSafeParser<S> {
  return (input) => safeParseTolerant(schema, input, relied);
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
