import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatTable, readRows } from './report.ts';

/**
 * Vitest global setup: gives the reliability scenarios a folder for their rows and prints the summary
 * table once every test file has run (nothing when no scenario ran, e.g. the release test alone).
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ccc-reliability-report-'));
  project.provide('reliabilityReportDir', dir);
  return () => {
    const rows = readRows(dir);
    rmSync(dir, { recursive: true, force: true });
    if (rows.length === 0) return;
    const mode =
      process.env.RELIABILITY_FULL === '1'
        ? 'full figures'
        : 'bounded figures (RELIABILITY_FULL=1 for the full run)';
    process.stdout.write(`\nReliability and security suite — ${mode}\n${formatTable(rows)}\n\n`);
  };
}
