/**
 * A fast path for valibot's `safeParse` on the push schemas. valibot costs about one `JSON.parse` per CDR
 * (it copies every object key by key), which alone would break the "at most 2x JSON.parse" budget. So the
 * schema is compiled once into closures that validate a freshly parsed JSON value IN PLACE and apply
 * valibot's defaults and transforms to it, giving a value deep-equal to valibot's output (key order aside).
 * Anything the compiled check rejects or does not understand returns {@link FAIL}; the input may then be
 * partly rewritten, so the caller re-parses the text and runs valibot, which stays the source of truth for
 * acceptance and issues. Equivalence with valibot is a fast-check property in `fast-path.test.ts`.
 */
export const FAIL: unique symbol = Symbol('fast-path-fail');

/**
 * What `parsePush` knows about the JSON text under validation, for one synchronous run of the fast path:
 * without any `\` escape in the text no string in it can hold a control character (JSON must escape
 * U+0000–U+001F), so the schemas' `NO_CONTROL_CHARACTERS` check cannot fail and is skipped (it runs on
 * every phone number of every push otherwise). `true`, i.e. check, whenever nobody said otherwise.
 */
export const textFacts: { mayHaveEscapes: boolean } = { mayHaveEscapes: true };

/** A compiled schema: the valibot output, or {@link FAIL}. */
export type FastRun = (input: unknown) => unknown;

/** The valibot node fields this compiler reads (all part of valibot's public schema objects). */
export interface Node {
  readonly kind: string;
  readonly type: string;
  readonly pipe?: readonly Node[];
  readonly entries?: Readonly<Record<string, Node>>;
  readonly wrapped?: Node;
  readonly item?: Node;
  readonly options?: readonly Node[];
  readonly default?: unknown;
  readonly fallback?: unknown;
  readonly requirement?: unknown;
  readonly operation?: (value: unknown) => unknown;
}

/** Compiles a node (see `fast-path.ts`); passed to the object compiler to avoid an import cycle. */
export type Compile = (node: Node, strict: boolean) => FastRun | null;

/** Argument-free default getter of an optional node, `null` when the default needs valibot's arguments. */
export function defaultOf(node: Node): (() => unknown) | null {
  const value = node.default;
  if (typeof value !== 'function') return () => value;
  // valibot passes (dataset, config) to default functions; only argument-free ones are safe to call here.
  return value.length === 0 ? (value as () => unknown) : null;
}
