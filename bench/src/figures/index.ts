import type { Figure } from '../harness/types.ts';
import { followUpClick } from './follow-up-click.ts';
import { homeOpened } from './home-opened.ts';
import { ingest, ingestPostgres } from './ingest.ts';
import { memory } from './memory.ts';
import { parse } from './parse.ts';
import { signing } from './signing.ts';
import { slackDrain } from './slack-drain.ts';
import { slashCommand } from './slash-command.ts';
import { stats } from './stats.ts';
import { statsCommand } from './stats-command.ts';

/** Every figure, in the order of the issue; `pnpm bench <name>` picks one by name. */
export const FIGURES: readonly Figure[] = [
  ingest,
  ingestPostgres,
  parse,
  signing,
  slackDrain,
  slashCommand,
  followUpClick,
  homeOpened,
  stats,
  statsCommand,
  memory,
];
