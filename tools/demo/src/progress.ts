import cliProgress from 'cli-progress';

/** Where progress goes: a terminal gets a live bar, anything else (a pipe, a CI log) plain lines. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** Progress of one phase. */
export interface Progress {
  /** One more item done. */
  tick(): void;
  /** Ends the bar (or prints the last line if it was not printed yet). */
  stop(): void;
}

/** Plain lines at every quarter, so a log shows progress without a line per item. */
function plainProgress(label: string, total: number, stream: ProgressStream): Progress {
  let done = 0;
  let printed = -1;
  const print = () => {
    printed = done;
    stream.write(`${label}: ${done}/${total}\n`);
  };
  return {
    tick() {
      done++;
      if (Math.floor((done * 4) / total) > Math.floor(((done - 1) * 4) / total)) print();
    },
    stop() {
      if (printed !== done) print();
    },
  };
}

/**
 * A progress indicator for `total` items: a cli-progress bar when `stream` is a terminal, otherwise a
 * plain `label: done/total` line at each quarter.
 *
 * @example
 * const progress = createProgress('Pushing', pushes.length, process.stdout);
 * for (const push of pushes) { await send(push); progress.tick(); }
 * progress.stop();
 */
export function createProgress(label: string, total: number, stream: ProgressStream): Progress {
  if (!stream.isTTY) return plainProgress(label, total, stream);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% · {duration_formatted}`,
      stream: stream as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
