import { PNG } from 'pngjs';

/** A decoded PNG with helpers that read it in CSS pixels, the unit the chart layouts are written in. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** `[r, g, b, a]` at device pixel `(x, y)`. */
  pixel(x: number, y: number): [number, number, number, number];
  /** The colour at CSS pixel `(x, y)` of a chart drawn at `scale`, as `#rrggbb`. */
  cssColor(x: number, y: number, scale?: number): string;
  /** Pixels darker than mid-grey inside a box given in device pixels. */
  darkPixels(box: Box): number;
  /** The RGBA bytes of a box, to compare two renders of the same area. */
  crop(box: Box): Buffer;
}

/** A rectangle in device pixels, `right` and `bottom` excluded. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const hex = (value: number): string => value.toString(16).padStart(2, '0');

/** Decodes PNG bytes with pngjs, so tests check what a Slack client would display, not the renderer's buffer. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = PNG.sync.read(Buffer.from(bytes));
  const pixel = (x: number, y: number): [number, number, number, number] => {
    const at = (Math.round(y) * png.width + Math.round(x)) * 4;
    return [png.data[at] ?? 0, png.data[at + 1] ?? 0, png.data[at + 2] ?? 0, png.data[at + 3] ?? 0];
  };
  const each = (box: Box, visit: (at: number) => void): void => {
    for (let y = box.top; y < box.bottom; y++)
      for (let x = box.left; x < box.right; x++) visit((y * png.width + x) * 4);
  };
  return {
    width: png.width,
    height: png.height,
    pixel,
    cssColor: (x, y, scale = 2) => {
      const [r, g, b] = pixel(x * scale, y * scale);
      return `#${hex(r)}${hex(g)}${hex(b)}`;
    },
    darkPixels: (box) => {
      let dark = 0;
      each(box, (at) => {
        const luma =
          0.299 * (png.data[at] ?? 0) + 0.587 * (png.data[at + 1] ?? 0) + 0.114 * (png.data[at + 2] ?? 0);
        if (luma < 128) dark++;
      });
      return dark;
    },
    crop: (box) => {
      const bytes: number[] = [];
      each(box, (at) => bytes.push(...png.data.subarray(at, at + 4)));
      return Buffer.from(bytes);
    },
  };
}
