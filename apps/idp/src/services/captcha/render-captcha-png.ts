import { MAX_CAPTCHA_LENGTH } from './captcha-text.ts';
import { encodePng } from './png-encode.ts';

/**
 * Server-side captcha (图形验证码) image renderer without font files, canvas or
 * native dependencies: every character is a hand-designed stroke glyph
 * (polylines in a unit box) that is jittered, warped and rasterised with
 * anti-aliased thick lines (coverage from the distance to each segment), then
 * encoded as an 8-bit RGB PNG.
 *
 * Size: `width`×`height` (default 120×40) is the CSS size the page shows the
 * image at. The PNG itself is rendered at `scale` device pixels per CSS pixel
 * (default 2, i.e. 240×80) so it stays crisp on HiDPI screens; use `scale: 1`
 * for a width×height PNG. The page must set the <img> width/height attributes.
 */

export interface RenderCaptchaOptions {
  /** CSS width in px (default 120). */
  width?: number;
  /** CSS height in px (default 40). */
  height?: number;
  /** Device pixels per CSS pixel: 1 or 2 (default 2). PNG size = width·scale × height·scale. */
  scale?: 1 | 2;
  /**
   * Source of visual jitter in [0, 1); defaults to Math.random. Pass a seeded
   * generator for deterministic output (tests). The answer itself must come
   * from {@link generateCaptchaText} (crypto), never from this.
   */
  random?: () => number;
  /** zlib level of the PNG (default PNG_COMPRESSION_LEVEL); the bench compares levels with it. */
  compressionLevel?: number;
}

export const CAPTCHA_DEFAULT_WIDTH = 120;
export const CAPTCHA_DEFAULT_HEIGHT = 40;
export const CAPTCHA_DEFAULT_SCALE = 2;

// ---------------------------------------------------------------------------
// Stroke font. Coordinates: x and y in [0, 1], y pointing down; the glyph is
// drawn `width` em wide and 1 em high. Curves are polylines built with `arc`.
// ---------------------------------------------------------------------------

type Point = readonly [number, number];
type Polyline = readonly Point[];

interface StrokeGlyph {
  /** Advance width relative to the glyph height. */
  readonly width: number;
  readonly strokes: readonly Polyline[];
}

/** Elliptic arc from angle `from` to `to` (degrees, counter-clockwise as on paper, 0 = right). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number): Point[] {
  const steps = Math.max(2, Math.ceil(Math.abs(to - from) / 12));
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    points.push([cx + rx * Math.cos(a), cy - ry * Math.sin(a)]);
  }
  return points;
}

const rotate180 = (strokes: readonly Polyline[]): Polyline[] => strokes.map((line) => line.map(([x, y]): Point => [1 - x, 1 - y]));

const SIX: Polyline[] = [[...arc(0.58, 0.62, 0.54, 0.62, 65, 180), ...arc(0.5, 0.7, 0.46, 0.3, 180, 540)]];

const GLYPHS: Readonly<Record<string, StrokeGlyph>> = {
  A: {
    width: 0.72,
    strokes: [
      [
        [0, 1],
        [0.5, 0],
        [1, 1],
      ],
      [
        [0.2, 0.64],
        [0.8, 0.64],
      ],
    ],
  },
  B: {
    width: 0.6,
    strokes: [
      [
        [0, 0],
        [0, 1],
      ],
      [[0, 0], [0.55, 0], ...arc(0.55, 0.24, 0.4, 0.24, 90, -90), [0, 0.48]],
      [[0, 0.48], [0.58, 0.48], ...arc(0.58, 0.74, 0.42, 0.26, 90, -90), [0, 1]],
    ],
  },
  C: { width: 0.64, strokes: [arc(0.5, 0.5, 0.5, 0.5, 45, 315)] },
  D: { width: 0.66, strokes: [[[0, 0], [0.4, 0], ...arc(0.4, 0.5, 0.6, 0.5, 90, -90), [0, 1], [0, 0]]] },
  E: {
    width: 0.56,
    strokes: [
      [
        [1, 0],
        [0, 0],
        [0, 1],
        [1, 1],
      ],
      [
        [0, 0.49],
        [0.82, 0.49],
      ],
    ],
  },
  F: {
    width: 0.56,
    strokes: [
      [
        [1, 0],
        [0, 0],
        [0, 1],
      ],
      [
        [0, 0.49],
        [0.82, 0.49],
      ],
    ],
  },
  G: { width: 0.68, strokes: [[...arc(0.5, 0.5, 0.5, 0.5, 45, 360), [0.55, 0.5]]] },
  H: {
    width: 0.62,
    strokes: [
      [
        [0, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [1, 1],
      ],
      [
        [0, 0.5],
        [1, 0.5],
      ],
    ],
  },
  J: {
    width: 0.56,
    strokes: [
      [
        [0.3, 0],
        [1, 0],
      ],
      [[1, 0], [1, 0.66], ...arc(0.5, 0.66, 0.5, 0.34, 0, -170)],
    ],
  },
  K: {
    width: 0.62,
    strokes: [
      [
        [0, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, 0.6],
      ],
      [
        [0.32, 0.4],
        [1, 1],
      ],
    ],
  },
  L: {
    width: 0.52,
    strokes: [
      [
        [0, 0],
        [0, 1],
        [1, 1],
      ],
    ],
  },
  M: {
    width: 0.78,
    strokes: [
      [
        [0, 1],
        [0, 0],
        [0.5, 0.62],
        [1, 0],
        [1, 1],
      ],
    ],
  },
  N: {
    width: 0.64,
    strokes: [
      [
        [0, 1],
        [0, 0],
        [1, 1],
        [1, 0],
      ],
    ],
  },
  P: { width: 0.6, strokes: [[[0, 1], [0, 0], [0.55, 0], ...arc(0.55, 0.26, 0.45, 0.26, 90, -90), [0, 0.52]]] },
  Q: {
    width: 0.74,
    strokes: [
      arc(0.5, 0.5, 0.5, 0.5, 0, 360),
      [
        [0.58, 0.66],
        [1.02, 1.06],
      ],
    ],
  },
  R: {
    width: 0.62,
    strokes: [
      [[0, 1], [0, 0], [0.55, 0], ...arc(0.55, 0.25, 0.42, 0.25, 90, -90), [0, 0.5]],
      [
        [0.45, 0.5],
        [1, 1],
      ],
    ],
  },
  S: { width: 0.6, strokes: [[...arc(0.5, 0.26, 0.46, 0.26, 25, 270), ...arc(0.5, 0.76, 0.5, 0.24, 90, -155)]] },
  T: {
    width: 0.64,
    strokes: [
      [
        [0, 0],
        [1, 0],
      ],
      [
        [0.5, 0],
        [0.5, 1],
      ],
    ],
  },
  U: { width: 0.62, strokes: [[[0, 0], [0, 0.62], ...arc(0.5, 0.62, 0.5, 0.38, 180, 360), [1, 0]]] },
  V: {
    width: 0.66,
    strokes: [
      [
        [0, 0],
        [0.5, 1],
        [1, 0],
      ],
    ],
  },
  W: {
    width: 0.9,
    strokes: [
      [
        [0, 0],
        [0.24, 1],
        [0.5, 0.3],
        [0.76, 1],
        [1, 0],
      ],
    ],
  },
  X: {
    width: 0.64,
    strokes: [
      [
        [0, 0],
        [1, 1],
      ],
      [
        [1, 0],
        [0, 1],
      ],
    ],
  },
  Y: {
    width: 0.66,
    strokes: [
      [
        [0, 0],
        [0.5, 0.5],
        [1, 0],
      ],
      [
        [0.5, 0.5],
        [0.5, 1],
      ],
    ],
  },
  '3': {
    width: 0.58,
    strokes: [
      [...arc(0.48, 0.25, 0.46, 0.25, 150, -90), ...arc(0.48, 0.75, 0.5, 0.25, 90, -150)],
      [
        [0.28, 0.5],
        [0.48, 0.5],
      ],
    ],
  },
  '4': {
    width: 0.66,
    strokes: [
      [
        [0.72, 1],
        [0.72, 0],
        [0, 0.68],
        [1, 0.68],
      ],
    ],
  },
  '5': { width: 0.58, strokes: [[[0.92, 0], [0.1, 0], [0.05, 0.46], ...arc(0.46, 0.68, 0.5, 0.32, 125, -150)]] },
  '6': { width: 0.6, strokes: SIX },
  '7': {
    width: 0.6,
    strokes: [
      [
        [0, 0],
        [1, 0],
        [0.38, 1],
      ],
    ],
  },
  '8': { width: 0.6, strokes: [arc(0.5, 0.25, 0.4, 0.25, 0, 360), arc(0.5, 0.74, 0.48, 0.26, 0, 360)] },
  '9': { width: 0.6, strokes: rotate180(SIX) },
};

/** Characters the stroke font can draw (a superset check for the alphabet). */
export const CAPTCHA_GLYPH_CHARS: string = Object.keys(GLYPHS).join('');

// ---------------------------------------------------------------------------
// Rasteriser
// ---------------------------------------------------------------------------

type Rgb = readonly [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const luma = (c: Rgb): number => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];

/**
 * Keeps a colour's perceived brightness (Rec. 601 luma, 0–255) within
 * [min, max]: too dark → mixed with white, too bright → scaled towards black.
 * Text is kept dark and noise mid-tone, so noise never looks like a stroke.
 */
function clampLuma(color: Rgb, min: number, max: number): Rgb {
  const l = luma(color);
  let adjust: (v: number) => number;
  if (l > max) adjust = (v) => (v * max) / l;
  else if (l < min) adjust = (v) => v + ((255 - v) * (min - l)) / (255 - l);
  else return color;
  return [Math.round(adjust(color[0])), Math.round(adjust(color[1])), Math.round(adjust(color[2]))];
}

const TEXT_MAX_LUMA = 62;
const NOISE_MIN_LUMA = 100;

/**
 * An RGB canvas plus a coverage layer. Strokes of one shape are accumulated
 * into the layer with max() (so joints of a polyline are not painted twice)
 * and then composited in one go with the shape's colour.
 */
class Canvas {
  readonly rgb: Uint8ClampedArray;
  private readonly layer: Float32Array;
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Uint8ClampedArray(width * height * 3);
    this.layer = new Float32Array(width * height);
  }

  /** Adds the coverage of a round-capped line of half-width `hw` from (ax, ay) to (bx, by). */
  segment(ax: number, ay: number, bx: number, by: number, hw: number): void {
    const reach = hw + 0.5;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + reach));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + reach));
    if (x0 > x1 || y0 > y1) return;
    this.track(x0, y0, x1, y1);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const inv = len2 > 1e-9 ? 1 / len2 : 0;
    const reach2 = reach * reach;
    const { layer, width } = this;
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5 - ay;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5 - ax;
        let t = (px * dx + py * dy) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 >= reach2) continue;
        const c = reach - Math.sqrt(d2);
        const cov = c > 1 ? 1 : c;
        const i = y * width + x;
        if (cov > layer[i]!) layer[i] = cov;
      }
    }
  }

  polyline(points: readonly Point[], hw: number): void {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      this.segment(a[0], a[1], b[0], b[1], hw);
    }
  }

  /** Paints the accumulated coverage with `color` at `alpha` and clears the layer. */
  composite(color: Rgb, alpha: number): void {
    const { layer, rgb, width } = this;
    const [r, g, b] = color;
    for (let y = this.minY; y <= this.maxY; y++) {
      for (let x = this.minX; x <= this.maxX; x++) {
        const i = y * width + x;
        const cov = layer[i]!;
        if (cov <= 0) continue;
        layer[i] = 0;
        const a = cov * alpha;
        const j = i * 3;
        rgb[j] = rgb[j]! + (r - rgb[j]!) * a;
        rgb[j + 1] = rgb[j + 1]! + (g - rgb[j + 1]!) * a;
        rgb[j + 2] = rgb[j + 2]! + (b - rgb[j + 2]!) * a;
      }
    }
    this.minX = this.minY = Infinity;
    this.maxX = this.maxY = -Infinity;
  }

  private track(x0: number, y0: number, x1: number, y1: number): void {
    if (x0 < this.minX) this.minX = x0;
    if (y0 < this.minY) this.minY = y0;
    if (x1 > this.maxX) this.maxX = x1;
    if (y1 > this.maxY) this.maxY = y1;
  }
}

/** Splits segments longer than `maxLen` so a non-linear warp bends them smoothly. */
function subdivide(points: readonly Point[], maxLen: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const b = points[i]!;
    if (i > 0) {
      const a = points[i - 1]!;
      const n = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / maxLen);
      for (let k = 1; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
    }
    out.push(b);
  }
  return out;
}

function positiveInt(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`captcha ${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/**
 * Renders `text` (upper-case letters/digits from the stroke font, typically
 * from {@link generateCaptchaText}) as a PNG of (width·scale)×(height·scale)
 * pixels, 8-bit RGB. Throws a RangeError for characters the font lacks (the
 * message never contains the answer).
 */
export function renderCaptchaPng(text: string, options: RenderCaptchaOptions = {}): Buffer {
  const cssWidth = positiveInt(options.width ?? CAPTCHA_DEFAULT_WIDTH, 'width', 40, 1000);
  const cssHeight = positiveInt(options.height ?? CAPTCHA_DEFAULT_HEIGHT, 'height', 20, 500);
  const scale = options.scale ?? CAPTCHA_DEFAULT_SCALE;
  if (scale !== 1 && scale !== 2) throw new RangeError('captcha scale must be 1 or 2');
  const random = options.random ?? Math.random;

  const chars = [...text.toUpperCase()];
  if (chars.length < 1 || chars.length > MAX_CAPTCHA_LENGTH) {
    throw new RangeError(`captcha text must have 1 to ${MAX_CAPTCHA_LENGTH} characters`);
  }
  const glyphs = chars.map((ch) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new RangeError('captcha text contains a character the stroke font cannot draw');
    return glyph;
  });

  const W = cssWidth * scale;
  const H = cssHeight * scale;
  const s = scale;
  const rnd = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const canvas = new Canvas(W, H);

  // Background: light horizontal gradient between two related tints.
  const hue = rnd(0, 360);
  const bgLeft = hsl(hue, rnd(0.35, 0.6), rnd(0.92, 0.955));
  const bgRight = hsl((hue + rnd(30, 90)) % 360, rnd(0.35, 0.6), rnd(0.92, 0.955));
  const { rgb } = canvas;
  for (let x = 0; x < W; x++) {
    const t = W > 1 ? x / (W - 1) : 0;
    rgb[x * 3] = bgLeft[0] + (bgRight[0] - bgLeft[0]) * t;
    rgb[x * 3 + 1] = bgLeft[1] + (bgRight[1] - bgLeft[1]) * t;
    rgb[x * 3 + 2] = bgLeft[2] + (bgRight[2] - bgLeft[2]) * t;
  }
  // Every row is the first one: copied, not computed again pixel by pixel.
  for (let y = 1; y < H; y++) rgb.copyWithin(y * W * 3, 0, W * 3);

  // Mild global sine warp, applied to every vertex (after subdivision).
  const warpAmp = rnd(0.025, 0.045) * H;
  const warpK = (2 * Math.PI) / (W * rnd(0.7, 1.1));
  const warpPhase = rnd(0, 2 * Math.PI);
  const warp = (points: readonly Point[]): Point[] => subdivide(points, 3 * s).map(([x, y]): Point => [x, y + warpAmp * Math.sin(x * warpK + warpPhase)]);

  // Noise dots (under the text, so they never eat into a glyph).
  for (let i = 0; i < 80; i++) {
    const x = rnd(0, W);
    const y = rnd(0, H);
    canvas.segment(x, y, x, y, rnd(0.35, 0.95) * s);
    canvas.composite(clampLuma(hsl(rnd(0, 360), rnd(0.3, 0.7), rnd(0.4, 0.75)), NOISE_MIN_LUMA, 255), rnd(0.55, 0.9));
  }

  // Text: one slot per character; jitter stays inside the slot.
  const margin = W * 0.07;
  const slot = (W - 2 * margin) / glyphs.length;
  const em = Math.min(H * 0.58, slot * 1.05);
  glyphs.forEach((glyph, i) => {
    const angle = (rnd(-25, 25) * Math.PI) / 180;
    const shear = rnd(-0.18, 0.18);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Horizontal extent of the rotated, sheared glyph box per unit of size:
    // wide glyphs at steep angles are shrunk so they stay inside their slot.
    const extent = (glyph.width + Math.abs(shear)) * Math.abs(cos) + Math.abs(sin);
    const size = Math.min(em * rnd(0.88, 1.06), (slot * 0.98) / extent);
    const gw = size * glyph.width;
    const cx = margin + slot * (i + 0.5) + rnd(-0.06, 0.06) * slot;
    const cy = H / 2 + rnd(-1, 1) * Math.max(0, (H - size) / 2) * 0.45;
    const hw = size * 0.06;
    for (const stroke of glyph.strokes) {
      const placed = stroke.map(([u, v]): Point => {
        const ly = (v - 0.5) * size;
        const lx = (u - 0.5) * gw + shear * ly;
        return [cx + lx * cos - ly * sin, cy + lx * sin + ly * cos];
      });
      canvas.polyline(warp(placed), hw);
    }
    canvas.composite(clampLuma(hsl(rnd(0, 360), rnd(0.55, 0.85), rnd(0.2, 0.32)), 0, TEXT_MAX_LUMA), 1);
  });

  // 2–4 thin mid-tone curves crossing the text band.
  const curves = 2 + Math.floor(random() * 3);
  for (let c = 0; c < curves; c++) {
    const p0: Point = [rnd(-0.05, 0.12) * W, rnd(0.2, 0.8) * H];
    const p1: Point = [rnd(0.2, 0.45) * W, rnd(-0.1, 1.1) * H];
    const p2: Point = [rnd(0.55, 0.8) * W, rnd(-0.1, 1.1) * H];
    const p3: Point = [rnd(0.88, 1.05) * W, rnd(0.2, 0.8) * H];
    const points: Point[] = [];
    for (let k = 0; k <= 24; k++) {
      const t = k / 24;
      const u = 1 - t;
      const a = u * u * u;
      const b = 3 * u * u * t;
      const d = 3 * u * t * t;
      const e = t * t * t;
      points.push([a * p0[0] + b * p1[0] + d * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + d * p2[1] + e * p3[1]]);
    }
    canvas.polyline(warp(points), rnd(0.5, 0.75) * s);
    canvas.composite(clampLuma(hsl(rnd(0, 360), rnd(0.35, 0.65), rnd(0.45, 0.62)), NOISE_MIN_LUMA, 255), rnd(0.75, 0.9));
  }

  return encodePng({ width: W, height: H, channels: 3, pixels: canvas.rgb }, options.compressionLevel);
}
