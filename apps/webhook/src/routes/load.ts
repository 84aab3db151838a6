import * as v from 'valibot';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { WebhookError, WebhookErrorCode } from '../errors.ts';
import { rememberNormalized } from './prefixes.ts';
import { RoutesFile } from './schema.ts';

/** Where a value sits in the routes file, for error messages. */
const lineOf = (
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: (string | number)[],
): number => {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && (isMap(node) || isSeq(node) || node.range)) {
      const offset = (node as { range?: [number, number, number] }).range?.[0];
      if (offset !== undefined) return counter.linePos(offset).line;
    }
  }
  return 1;
};

const pathOf = (issue: v.BaseIssue<unknown>): (string | number)[] =>
  (issue.path ?? []).map((item) => item.key as string | number);

const describe = (path: (string | number)[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key),
    '',
  );

/**
 * Parses and validates a routes file (YAML, or JSON which YAML also reads), with number prefixes normalised
 * to international digits (`+86139` → `86139`). Throws a `WebhookError` listing every problem as
 * `file:line: field: what is wrong`.
 *
 * @example
 * const routes = parseRoutes(readFileSync('routes.yaml', 'utf8'), 'routes.yaml');
 */
export function parseRoutes(text: string, fileName = 'routes file'): RoutesFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(
      (e) => `${fileName}:${counter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`,
    );
    throw new WebhookError(WebhookErrorCode.InvalidRoutes, `${fileName} is not valid YAML/JSON`, problems);
  }
  const result = v.safeParse(RoutesFile, doc.toJS());
  if (result.success) {
    for (const rule of result.output.rules) rememberNormalized(rule.match);
    return result.output;
  }
  const problems = result.issues
    .map((issue) => {
      const path = pathOf(issue);
      const where = describe(path);
      const message =
        issue.type === 'strict_object'
          ? `unknown field ${issue.received}; check its spelling`
          : issue.message;
      return { line: lineOf(doc, counter, path), text: `${where ? `${where}: ` : ''}${message}` };
    })
    .sort((a, b) => a.line - b.line)
    .map((p) => `${fileName}:${p.line}: ${p.text}`);
  throw new WebhookError(
    WebhookErrorCode.InvalidRoutes,
    `${fileName} has ${problems.length} problem(s)`,
    problems,
  );
}
