import { NO_CONTROL_CHARACTERS } from '@ccc-kit/schemas';
import { FAIL, type FastRun, type Node, textFacts } from './fast-node.ts';

/**
 * JS condition, over a string `v`, that is true when one validation of a string pipe fails (`maxLength`,
 * `minLength`, a plain `regex`: the schemas' caps on ids and numbers), or `null` when not supported.
 * Regexes go to `regexes`, read by the generated code as `x[i]`; `e` is {@link textFacts}.
 */
export function stringCheckCode(node: Node, regexes: RegExp[]): string | null {
  const { kind, type, requirement } = node;
  if (kind === 'metadata') return 'false';
  if (type === 'max_length' && typeof requirement === 'number') return `v.length > ${requirement}`;
  if (type === 'min_length' && typeof requirement === 'number') return `v.length < ${requirement}`;
  // Control characters can only come from `\u00XX`-style escapes: skipped when the text has none.
  if (requirement === NO_CONTROL_CHARACTERS)
    return `(e.mayHaveEscapes && !x[${regexes.push(NO_CONTROL_CHARACTERS) - 1}].test(v))`;
  // A global or sticky regex keeps state between calls; valibot's `regex` is only ever given plain ones.
  if (type === 'regex' && requirement instanceof RegExp && !requirement.global && !requirement.sticky)
    return `!x[${regexes.push(requirement) - 1}].test(v)`;
  return null;
}

/**
 * A pipe of `string()`, an optional `trim()` and validations (the schemas' capped ids and numbers) as ONE
 * generated function instead of a closure per step: these run on every push. `null` for any other pipe.
 * The source holds only fixed code and numeric limits of our schemas, never input data.
 */
export function compileStringPipe(pipe: readonly Node[]): FastRun | null {
  const [head, ...rest] = pipe;
  if (head?.type !== 'string' || head.pipe) return null;
  const trim = rest[0]?.type === 'trim';
  const regexes: RegExp[] = [];
  const checks: string[] = [];
  for (const node of trim ? rest.slice(1) : rest) {
    const code = stringCheckCode(node, regexes);
    if (code === null) return null;
    checks.push(code);
  }
  const result = checks.length > 0 ? `${checks.join(' || ')} ? FAIL : v` : 'v';
  const body = `if (typeof v !== 'string') return FAIL;${trim ? ' v = v.trim();' : ''} return ${result};`;
  const factory = new Function('FAIL', 'x', 'e', `return function stringPipe(v) { ${body} };`);
  return factory(FAIL, regexes, textFacts) as FastRun;
}
