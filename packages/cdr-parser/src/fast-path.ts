import { NO_CONTROL_CHARACTERS } from '@ccc-kit/schemas';
import type * as v from 'valibot';
import { defaultOf, FAIL, type FastRun, type Node, textFacts } from './fast-node.ts';
import { compileLooseObject } from './fast-object.ts';
import { compileStringPipe } from './fast-string.ts';

export { FAIL, type FastRun, textFacts } from './fast-node.ts';

/**
 * Compiles a node; `null` when the node (or, in `strict` mode, anything below it) is not supported.
 * Outside strict mode an unsupported object entry only fails when the key is present, so a new exotic field
 * in the schema slows down the pushes that carry it instead of all of them.
 */
function compile(node: Node, strict: boolean): FastRun | null {
  if (node.pipe) return compilePipe(node.pipe, strict);
  switch (node.type) {
    case 'string':
      return (x) => (typeof x === 'string' ? x : FAIL);
    case 'number':
      return (x) => (typeof x === 'number' && !Number.isNaN(x) ? x : FAIL);
    case 'unknown':
      return (x) => x;
    case 'array':
      return node.item ? compileArray(node.item, strict) : null;
    case 'union':
      return compileUnion(node.options ?? []);
    case 'loose_object':
      return node.entries ? compileLooseObject(node.entries, strict, compile) : null;
    case 'optional':
    case 'nullable':
    case 'nullish':
      return compileOptional(node, strict);
    default:
      return null;
  }
}

function compileAction(node: Node, strict: boolean): FastRun | null {
  if (node.kind === 'schema') return compile(node, strict);
  const { type, requirement, operation } = node;
  if (type === 'transform' && operation) return (x) => node.operation?.(x);
  if (type === 'check' && typeof requirement === 'function') return (x) => (requirement(x) ? x : FAIL);
  if (type === 'min_length' && typeof requirement === 'number')
    return (x) => ((x as { length: number }).length >= requirement ? x : FAIL);
  if (type === 'max_length' && typeof requirement === 'number')
    return (x) => ((x as { length: number }).length <= requirement ? x : FAIL);
  if (requirement === NO_CONTROL_CHARACTERS)
    return (x) => (!textFacts.mayHaveEscapes || NO_CONTROL_CHARACTERS.test(x as string) ? x : FAIL);
  // A global or sticky regex keeps state between calls; valibot's `regex` is only ever given plain ones.
  if (type === 'regex' && requirement instanceof RegExp && !requirement.global && !requirement.sticky)
    return (x) => (requirement.test(x as string) ? x : FAIL);
  if (type === 'trim') return (x) => (x as string).trim();
  return null;
}

function compilePipe(pipe: readonly Node[], strict: boolean): FastRun | null {
  const fused = compileStringPipe(pipe);
  if (fused) return fused;
  const steps: FastRun[] = [];
  for (const item of pipe) {
    if (item.kind === 'metadata') continue;
    const step = compileAction(item, strict);
    if (!step) return null;
    steps.push(step);
  }
  return (input) => {
    let value = input;
    for (const step of steps) {
      value = step(value);
      if (value === FAIL) return FAIL;
    }
    return value;
  };
}

function compileArray(item: Node, strict: boolean): FastRun | null {
  const run = compile(item, strict);
  if (!run) return null;
  return (input) => {
    if (!Array.isArray(input)) return FAIL;
    for (let i = 0; i < input.length; i++) {
      const element: unknown = input[i];
      const value = run(element);
      if (value === FAIL) return FAIL;
      if (value !== element) input[i] = value;
    }
    return input;
  };
}

/** Union options are always strict: "this option failed" must really mean valibot's option failed. */
function compileUnion(options: readonly Node[]): FastRun | null {
  const runs = options.map((option) => compile(option, true));
  if (runs.length === 0 || runs.some((run) => run === null)) return null;
  return (input) => {
    for (const run of runs as FastRun[]) {
      const value = run(input);
      if (value !== FAIL) return value;
    }
    return FAIL;
  };
}

function compileOptional(node: Node, strict: boolean): FastRun | null {
  const wrapped = node.wrapped && compile(node.wrapped, strict);
  const getDefault = defaultOf(node);
  if (!wrapped || !getDefault) return null;
  const isEmpty =
    node.type === 'optional'
      ? (x: unknown) => x === undefined
      : node.type === 'nullable'
        ? (x: unknown) => x === null
        : (x: unknown) => x === null || x === undefined;
  return (input) => {
    if (!isEmpty(input)) return wrapped(input);
    const value = node.default === undefined ? input : getDefault();
    return isEmpty(value) ? value : wrapped(value);
  };
}

/**
 * Compiles `schema` into a function that validates a value it owns in place and returns valibot's output
 * (deep-equal) for inputs valibot accepts, or {@link FAIL} (then run valibot on a fresh copy of the input).
 * `null` when the root itself is not supported.
 */
export function compileFastPath(schema: v.GenericSchema): FastRun | null {
  return compile(schema as unknown as Node, false);
}

/** True when every node of `schema` is compiled (no field falls back to valibot when present). */
export function isFullyCompiled(schema: v.GenericSchema): boolean {
  return compile(schema as unknown as Node, true) !== null;
}
