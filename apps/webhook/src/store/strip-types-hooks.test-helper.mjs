// Module hooks for the crash-test child (and bench's worker tests, through the package export
// `@ccc-kit/webhook/test-utils/strip-types-hooks`): Node 20 cannot run TypeScript, so `.ts` files are transpiled on
// load with the TypeScript compiler (types erased only; the code under test runs unchanged).
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
