/** A target from the issue, checked against either the ratio or the product's absolute figure. */
export interface Target {
  readonly on: 'ratio' | 'product';
  readonly op: '>=' | '<=';
  readonly value: number;
}

/** One line of a figure: the product's number, the baseline's (when there is one) and their ratio. */
export interface Metric {
  /** What is measured, e.g. `acks/s (closed loop, 50 connections)`. */
  readonly name: string;
  /** Unit of `baseline` and `product`, e.g. `ops/s`, `ms`, `MB`. */
  readonly unit: string;
  readonly baseline?: number | undefined;
  readonly product: number;
  /** Usually product ÷ baseline; each figure says what it divides (see the README). */
  readonly ratio?: number | undefined;
  readonly target?: Target | undefined;
  /** Counts or conditions that qualify the number (errors, 429s, connections…). */
  readonly note?: string | undefined;
}

/** What one figure script returns. */
export type FigureOutcome =
  | { readonly status: 'ok'; readonly metrics: readonly Metric[]; readonly details?: Record<string, unknown> }
  | { readonly status: 'skipped'; readonly reason: string };

/** A figure as stored in `results/latest.json`. */
export type FigureResult = FigureOutcome & {
  readonly name: string;
  readonly title: string;
  readonly baselineLabel: string;
  readonly productLabel: string;
  readonly commit: string;
  readonly measuredAt: string;
  readonly durationMs: number;
};

/** A figure script. `run` measures and returns; it throws only when the benchmark itself broke. */
export interface Figure {
  /** Short name for `pnpm bench <name>`. */
  readonly name: string;
  readonly title: string;
  readonly baselineLabel: string;
  readonly productLabel: string;
  run(context: FigureContext): Promise<FigureOutcome>;
}

/** What the runner hands every figure. */
export interface FigureContext {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** Progress lines for the terminal (never part of the result). */
  log(message: string): void;
}
