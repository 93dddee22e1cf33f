import jpeg from 'jpeg-js';

/** A frame reduced to the mean luminance (0–255) of each cell of a fixed grid, row by row. */
export interface LuminanceGrid {
  columns: number;
  rows: number;
  cells: Float64Array;
}

/**
 * Decoding limits: a 200 KB JPEG may still declare an enormous picture, and
 * decoding is synchronous work on the event loop. 2 megapixels is more than
 * a 1920 × 1080 camera frame needs.
 */
const DECODE_LIMITS = { maxResolutionInMP: 2.1, maxMemoryUsageInMB: 32 } as const;

/**
 * Decodes a JPEG and averages its luminance (ITU-R BT.601) over a
 * `columns` × `rows` grid, whatever the picture's size, so frames of any
 * resolution compare cell by cell and JPEG noise averages out. Null when the
 * bytes do not decode or the picture is smaller than `minWidth` × `minHeight`.
 */
export function luminanceGrid(data: Buffer, size: { columns: number; rows: number; minWidth: number; minHeight: number }): LuminanceGrid | null {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    // RGB, three bytes per pixel (grey JPEGs are expanded too).
    image = jpeg.decode(data, { useTArray: true, formatAsRGBA: false, ...DECODE_LIMITS });
  } catch {
    return null;
  }
  const { width, height, data: pixels } = image;
  if (width < size.minWidth || height < size.minHeight) return null;

  const sums = new Float64Array(size.columns * size.rows);
  const counts = new Float64Array(size.columns * size.rows);
  for (let y = 0; y < height; y += 1) {
    const rowBase = Math.floor((y * size.rows) / height) * size.columns;
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const cell = rowBase + Math.floor((x * size.columns) / width);
      sums[cell]! += 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
      counts[cell]! += 1;
    }
  }
  return { columns: size.columns, rows: size.rows, cells: sums.map((sum, cell) => sum / counts[cell]!) };
}
