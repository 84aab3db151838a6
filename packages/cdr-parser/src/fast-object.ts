import { type Compile, defaultOf, FAIL, type FastRun, type Node, textFacts } from './fast-node.ts';
import { stringCheckCode } from './fast-string.ts';

/** Own keys of unknown input that valibot never copies (prototype pollution guards). */
const UNSAFE_KEYS = ['__proto__', 'prototype', 'constructor'];

/** The condition of a string pipe that only validates (the caps on numbers), or `null`. */
function stringChecksInvalid(pipe: readonly Node[], regexes: RegExp[]): string | null {
  const [head, ...checks] = pipe;
  if (head?.type !== 'string' || head.pipe) return null;
  const parts = [`typeof v !== 'string'`];
  for (const check of checks) {
    const code = stringCheckCode(check, regexes);
    if (code === null) return null;
    parts.push(code);
  }
  return `(${parts.join(' || ')})`;
}

/**
 * A JS condition, over the entry's value `v`, that is true when a leaf value is invalid; `null` for nodes
 * that are not simple leaves (they run as closures). Leaves never change the value, so nothing is written.
 */
function leafInvalid(node: Node, regexes: RegExp[]): string | null {
  if (node.fallback !== undefined) return null;
  if (node.pipe) return stringChecksInvalid(node.pipe, regexes);
  if (node.type === 'string') return `typeof v !== 'string'`;
  if (node.type === 'number') return `(typeof v !== 'number' || v !== v)`;
  if (node.type === 'unknown') return 'false';
  if (!node.wrapped || node.default !== undefined) return null;
  const inner = leafInvalid(node.wrapped, regexes);
  if (inner === null) return null;
  if (node.type === 'nullish') return `(v !== null && v !== undefined && ${inner})`;
  if (node.type === 'optional') return `(v !== undefined && ${inner})`;
  if (node.type === 'nullable') return `(v !== null && ${inner})`;
  return null;
}

/** What the generated function reads besides the input: closures, default getters, regexes. */
interface Captured {
  readonly runs: FastRun[];
  readonly defaults: (() => unknown)[];
  readonly regexes: RegExp[];
}

/** Code of one entry; closures, default getters and regexes it needs are appended to `captured`. */
function entryCode(
  key: string,
  node: Node,
  strict: boolean,
  compile: Compile,
  { runs, defaults, regexes }: Captured,
): string | null {
  const k = JSON.stringify(key);
  // valibot skips a missing key only for these; `nullable` and the rest make it an issue.
  const optional = node.type === 'optional' || node.type === 'nullish';
  const leaf = leafInvalid(node, regexes);
  if (leaf !== null)
    return `v = t[${k}]; if (${optional ? '' : `(v === undefined && !(${k} in t)) || `}${leaf}) return FAIL;`;
  const hasDefault = optional && node.default !== undefined;
  const getDefault = hasDefault ? defaultOf(node) : null;
  const run = compile(node, strict);
  if (!run || node.fallback !== undefined || (hasDefault && !getDefault)) {
    if (strict) return null;
    // Unsupported entry: fail (→ valibot) whenever valibot would produce or check a value for it.
    const skippable = optional && !hasDefault && node.fallback === undefined;
    return skippable ? `if (${k} in t) return FAIL;` : 'return FAIL;';
  }
  const r = `r[${runs.push(run) - 1}]`;
  const absent = getDefault
    ? `o = ${r}(d[${defaults.push(getDefault) - 1}]()); if (o === FAIL) return FAIL; t[${k}] = o;`
    : optional
      ? ''
      : 'return FAIL;';
  return `v = t[${k}]; if (v === undefined && !(${k} in t)) { ${absent} } else { o = ${r}(v); if (o === FAIL) return FAIL; if (o !== v) t[${k}] = o; }`;
}

/**
 * Compiles a `looseObject` into one generated function with a literal property access per entry, so V8
 * keeps monomorphic inline caches (a loop over keys is megamorphic and costs as much as valibot itself).
 * The generated source holds only fixed code, `JSON.stringify`-quoted keys and numeric length limits of
 * our own schemas (regexes are passed in, not written into it), never input data. The object is validated and rewritten in place (see `fast-path.ts`).
 */
export function compileLooseObject(
  entries: Readonly<Record<string, Node>>,
  strict: boolean,
  compile: Compile,
): FastRun | null {
  const captured: Captured = { runs: [], defaults: [], regexes: [] };
  const lines = [`if (!t || typeof t !== 'object') return FAIL;`, 'let v, o;'];
  for (const [key, node] of Object.entries(entries)) {
    const code = entryCode(key, node, strict, compile, captured);
    if (code === null) return null;
    lines.push(code);
  }
  for (const key of UNSAFE_KEYS.filter((key) => !Object.hasOwn(entries, key)))
    lines.push(`if (hasOwn(t, ${JSON.stringify(key)})) delete t[${JSON.stringify(key)}];`);
  lines.push('return t;');
  const factory = new Function(
    'FAIL',
    'r',
    'd',
    'x',
    'e',
    'hasOwn',
    `return function looseObject(t) {\n${lines.join('\n')}\n};`,
  );
  const { runs, defaults, regexes } = captured;
  return factory(FAIL, runs, defaults, regexes, textFacts, Object.hasOwn) as FastRun;
}
