import { type Compile, defaultOf, FAIL, type FastRun, type Node } from './fast-node.ts';

/** Own keys of unknown input that valibot never copies (prototype pollution guards). */
const UNSAFE_KEYS = ['__proto__', 'prototype', 'constructor'];

/**
 * A JS condition, over the entry's value `v`, that is true when a leaf value is invalid; `null` for nodes
 * that are not simple leaves (they run as closures). Leaves never change the value, so nothing is written.
 */
function leafInvalid(node: Node): string | null {
  if (node.pipe || node.fallback !== undefined) return null;
  if (node.type === 'string') return `typeof v !== 'string'`;
  if (node.type === 'number') return `(typeof v !== 'number' || v !== v)`;
  if (node.type === 'unknown') return 'false';
  if (!node.wrapped || node.default !== undefined) return null;
  const inner = leafInvalid(node.wrapped);
  if (inner === null) return null;
  if (node.type === 'nullish') return `(v !== null && v !== undefined && ${inner})`;
  if (node.type === 'optional') return `(v !== undefined && ${inner})`;
  if (node.type === 'nullable') return `(v !== null && ${inner})`;
  return null;
}

/** Code of one entry; closures and default getters it needs are appended to `runs`/`defaults`. */
function entryCode(
  key: string,
  node: Node,
  strict: boolean,
  compile: Compile,
  runs: FastRun[],
  defaults: (() => unknown)[],
): string | null {
  const k = JSON.stringify(key);
  // valibot skips a missing key only for these; `nullable` and the rest make it an issue.
  const optional = node.type === 'optional' || node.type === 'nullish';
  const leaf = leafInvalid(node);
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
 * The generated source holds only fixed code and `JSON.stringify`-quoted keys of our own schemas, never
 * input data. The object is validated and rewritten in place (see `fast-path.ts`).
 */
export function compileLooseObject(
  entries: Readonly<Record<string, Node>>,
  strict: boolean,
  compile: Compile,
): FastRun | null {
  const runs: FastRun[] = [];
  const defaults: (() => unknown)[] = [];
  const lines = [`if (!t || typeof t !== 'object') return FAIL;`, 'let v, o;'];
  for (const [key, node] of Object.entries(entries)) {
    const code = entryCode(key, node, strict, compile, runs, defaults);
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
    'hasOwn',
    `return function looseObject(t) {\n${lines.join('\n')}\n};`,
  );
  return factory(FAIL, runs, defaults, Object.hasOwn) as FastRun;
}
