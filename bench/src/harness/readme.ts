import type { ResultsFile } from './results.ts';
import { formatMarkdownTable, tableRows } from './table.ts';

/** The README lines between these markers are rewritten by every run; everything else is left alone. */
export const README_START = '<!-- bench:results:start -->';
export const README_END = '<!-- bench:results:end -->';

/** The Markdown block that goes between the markers: the machine, then the table. */
export function resultsMarkdown(results: ResultsFile): string {
  const { run } = results;
  const cpu = run.cpus[0]?.model.trim() ?? 'unknown CPU';
  const figures = Object.values(results.figures);
  const dates = figures.map((figure) => figure.measuredAt).sort();
  const commits = [...new Set(figures.map((figure) => figure.commit.slice(0, 7)))];
  const header = [
    `Measured ${dates[0]?.slice(0, 10) ?? run.finishedAt.slice(0, 10)} at commit ${commits.join(', ')}` +
      `${run.dirty ? ' (uncommitted changes present)' : ''} on ${run.cpus.length} × ${cpu}, ` +
      `${Math.round(run.totalMemoryMB / 1024)} GiB, Node ${run.node}, ${run.platform} ${run.osRelease}` +
      `${run.pinned ? ', server and load generator pinned to different cores' : ''}. ` +
      `Load average at the end: ${run.loadAverage.join(' / ')}. Full data: \`results/latest.json\`.`,
  ];
  return [...header, '', formatMarkdownTable(tableRows(figures))].join('\n');
}

/** Replaces the block between the markers (appending the markers if the README has none). */
export function replaceResultsBlock(readme: string, block: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  const section = `${README_START}\n${block}\n${README_END}`;
  if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${section}\n`;
  return readme.slice(0, start) + section + readme.slice(end + README_END.length);
}
