import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The font files shipped in the package's `fonts/` folder (see `fonts/README.md` for what they contain). */
export const FONT_FILE_NAMES = ['NotoSansSC-Regular-latin.ttf', 'NotoSansSC-Regular-subset.ttf'] as const;

// This module runs from `src/charts/` in tests and from `dist/` once built (tsdown flattens the tree), so the
// package root is one or two folders up; both are tried rather than guessing which build this is.
const ROOTS = ['../', '../../'];

let cached: readonly string[] | undefined;

/**
 * Absolute paths of the shipped fonts, found once and then cached: the Latin cut of Noto Sans SC first, then
 * the whole subset. Both are the family `Noto Sans SC`, so resvg lays a label out with the small file and
 * falls back to the large one only for characters the small one lacks (CJK): resvg reads a font file again
 * for every run of text, and the 7.7 MB file cost ~8 ms per label.
 * @throws Error when the files are in neither place (a package installed without its `fonts/` folder).
 */
export function chartFontFiles(): readonly string[] {
  if (cached !== undefined) return cached;
  for (const root of ROOTS) {
    const paths = FONT_FILE_NAMES.map((name) =>
      fileURLToPath(new URL(`${root}fonts/${name}`, import.meta.url)),
    );
    if (paths.every((path) => existsSync(path))) {
      cached = paths;
      return paths;
    }
  }
  throw new Error(
    `The chart fonts ${FONT_FILE_NAMES.join(', ')} are missing from the fonts/ folder of @ccc-kit/stats: ` +
      'reinstall the package, and if a bundler or image build copies only JavaScript, copy that folder beside it too',
  );
}
