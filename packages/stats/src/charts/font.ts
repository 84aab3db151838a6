import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The font file shipped in the package's `fonts/` folder (see `fonts/README.md` for what it contains). */
export const FONT_FILE_NAME = 'NotoSansSC-Regular-subset.ttf';

// This module runs from `src/charts/` in tests and from `dist/` once built (tsdown flattens the tree), so the
// package root is one or two folders up; both are tried rather than guessing which build this is.
const CANDIDATES = [`../fonts/${FONT_FILE_NAME}`, `../../fonts/${FONT_FILE_NAME}`];

let cached: string | undefined;

/**
 * Absolute path of the shipped font file, found once and then cached.
 * @throws Error when the file is in neither place (a package installed without its `fonts/` folder).
 */
export function chartFontFile(): string {
  if (cached !== undefined) return cached;
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) {
      cached = path;
      return path;
    }
  }
  throw new Error(`The chart font ${FONT_FILE_NAME} is missing from the fonts/ folder of @ccc-kit/stats`);
}
