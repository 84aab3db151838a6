import type { EChartsCoreOption } from 'echarts/core';
import { truncateLabel } from './labels.ts';

/** The family name inside the shipped font file; every text of a chart asks for it. */
export const FONT_FAMILY = 'Noto Sans SC';

/** Colours shared by the charts (Slack's light theme: dark text on white). */
export const COLORS = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  gridLine: '#d8dee4',
  axisLine: '#8c959f',
  good: '#2e7d32',
  bad: '#c62828',
  neutral: '#1565c0',
  other: '#9e9e9e',
} as const;

/**
 * Default colour of an outcome by its key, used when a series gives none: answered green, missed red,
 * abandoned orange, and so on. Unknown keys take {@link FALLBACK_PALETTE} colours in order.
 */
export const OUTCOME_COLORS: Readonly<Record<string, string>> = {
  answered: '#2e7d32',
  missed: '#c62828',
  abandoned: '#ef6c00',
  unanswered: '#c62828',
  voicemail: '#6a1b9a',
  callback: '#1565c0',
  transferred: '#00838f',
  rejected: '#ad1457',
  failed: '#4e342e',
  other: '#9e9e9e',
};

/** Colours for outcome keys {@link OUTCOME_COLORS} does not know, distinct from the known ones. */
export const FALLBACK_PALETTE: readonly string[] = [
  '#5470c6',
  '#fac858',
  '#73c0de',
  '#9a60b4',
  '#3ba272',
  '#fc8452',
  '#ea7ccc',
  '#91cc75',
];

/** Text sizes in CSS pixels: large enough to read when Slack shrinks an 800 px wide chart to ~500 px. */
export const FONT_SIZE = { title: 18, body: 14 } as const;

/**
 * Option parts every chart shares: no animation (nothing to animate in a PNG), the shipped font everywhere,
 * a white background and a left-aligned title on one line. The font has one weight, so the title is not bold.
 */
export function baseOption(title: string): EChartsCoreOption {
  return {
    animation: false,
    backgroundColor: COLORS.background,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE.body, color: COLORS.text },
    title: {
      // 72 columns of 18 px text fill an 800 px chart; a longer title would run off its edge.
      text: truncateLabel(title, 72),
      left: 16,
      top: 12,
      textStyle: {
        fontFamily: FONT_FAMILY,
        fontSize: FONT_SIZE.title,
        fontWeight: 'normal',
        color: COLORS.text,
      },
    },
  };
}
