// Module hooks for the baselines' tests: Node 20 cannot run TypeScript, so `.ts` files are transpiled on
// load with the TypeScript compiler (types erased only; the worker under test runs unchanged). The same
// hooks as apps/webhook's crash test, which bench cannot import.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const compilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
};

/** Loads `.ts` files as ES modules; everything else goes to Node's own loader. */
export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { outputText } = ts.transpileModule(source, { fileName: url, compilerOptions });
  return { format: 'module', source: outputText, shortCircuit: true };
}
