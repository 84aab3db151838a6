// Makes `NotoSansSC-Regular-subset.ttf` and `NotoSansSC-Regular-latin.ttf` from Google Fonts' Noto Sans SC
// Regular (see README.md beside this file for the exact commands). Not published and not run by the build: the subset is committed, so
// installing and testing need neither this script nor its tools.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Unicode blocks kept: Latin (with accents), punctuation, arrows and circled numbers, CJK punctuation,
 * kana, the CJK Unified Ideographs block (nearly all of GBK's hanzi and the common traditional ones) and fullwidth
 * forms. Extension A and beyond are left out: they would add 2.5 MB for characters group names hardly ever use.
 */
const RANGES = [
  [0x0020, 0x007e],
  [0x00a0, 0x017f],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2190, 0x21ff],
  [0x2460, 0x24ff],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
];

/**
 * The Latin font: the same glyphs for the blocks before CJK. resvg reads a font file again for every run of
 * text it lays out, so the charts' labels (digits, Latin) are drawn from this 120 KB file and only text with
 * CJK characters falls back to the 7.7 MB one: ~8 ms less per label.
 */
const LATIN_RANGES = RANGES.filter(([first]) => first < 0x3000);

const [source, folder] = process.argv.slice(2);
if (!source || !folder) {
  console.error('usage: node subset-font.mjs <NotoSansSC_400Regular.ttf> <output folder>');
  process.exit(2);
}
// subset-font is installed where the script is run (a scratch folder), not in this workspace.
const subsetFont = createRequire(join(process.cwd(), 'noop.js'))('subset-font');
const font = readFileSync(source);
for (const [name, ranges] of [
  ['NotoSansSC-Regular-subset.ttf', RANGES],
  ['NotoSansSC-Regular-latin.ttf', LATIN_RANGES],
]) {
  let text = '';
  for (const [first, last] of ranges) for (let c = first; c <= last; c++) text += String.fromCodePoint(c);
  // Hinting is dropped: resvg rasterises outlines without it, and CJK hinting is large.
  const subset = await subsetFont(font, text, { targetFormat: 'sfnt', noHinting: true });
  const target = join(folder, name);
  writeFileSync(target, subset);
  console.log(`${target}: ${subset.length} bytes`);
}
