import { estimateTextWidth, truncateLabel } from './labels.ts';
import { FONT_SIZE } from './theme.ts';

/** Legend labels are cut shorter than axis labels: eight of them must fit in two rows at 800 px. */
const LABEL_COLUMNS = 20;
const LAYOUT = { top: 44, side: 16, icon: 14, iconGap: 5, itemGap: 10, rowHeight: 24 } as const;

/** A legend below the title, and how much lower the plot must start when it wraps. */
export interface LegendLayout {
  /** The labels as drawn (cut to 20 columns); series must use them as their names to be listed. */
  readonly labels: string[];
  /** ECharts `legend` option. */
  readonly option: Record<string, unknown>;
  /** CSS pixels to add to the plot's top margin: one row height per row past the first. */
  readonly extraHeight: number;
}

/**
 * Lays out a legend of `labels` across a chart `width` CSS pixels wide. ECharts wraps a legend that does not
 * fit but does not move the plot below it; counting the rows here (with over-estimated text widths) does.
 */
export function legendLayout(labels: readonly string[], width: number, textColor: string): LegendLayout {
  const cut = labels.map((label) => truncateLabel(label, LABEL_COLUMNS));
  const available = width - 2 * LAYOUT.side;
  let rows = 1;
  let used = 0;
  for (const label of cut) {
    const item = LAYOUT.icon + LAYOUT.iconGap + estimateTextWidth(label, FONT_SIZE.body);
    if (used > 0 && used + item > available) {
      rows++;
      used = 0;
    }
    used += item + LAYOUT.itemGap;
  }
  const option = {
    top: LAYOUT.top,
    left: LAYOUT.side,
    right: LAYOUT.side,
    itemWidth: LAYOUT.icon,
    itemHeight: LAYOUT.icon,
    itemGap: LAYOUT.itemGap,
    textStyle: { color: textColor, fontSize: FONT_SIZE.body },
  };
  return { labels: cut, option, extraHeight: (rows - 1) * LAYOUT.rowHeight };
}
