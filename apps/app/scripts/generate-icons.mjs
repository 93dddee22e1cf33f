// Generates the PWA icons under public/icons/ (run: node apps/app/scripts/generate-icons.mjs).
// A neutral shield with a check mark: deliberately not any real government emblem.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const out = fileURLToPath(new URL('../public/icons/', import.meta.url));
mkdirSync(out, { recursive: true });

const RED = [217, 0, 27];
const WHITE = [255, 255, 255];

function cubic(p0, p1, p2, p3, steps = 24) {
  const pts = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    pts.push([u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0], u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1]]);
  }
  return pts;
}

// The shield of the portal's BrandMark (viewBox 0 0 32 32) as a polygon.
const SHIELD = [[16, 2], [4, 6.5], [4, 14.7], ...cubic([4, 14.7], [4, 22.3], [9.1, 28.3], [16, 30]), ...cubic([16, 30], [22.9, 28.3], [28, 22.3], [28, 14.7]), [28, 6.5]];
const CHECK = [
  [10.5, 16.2],
  [14.3, 20],
  [21.5, 12.4],
];
const CHECK_WIDTH = 2.6;

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function inRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** RGBA colour of one sample point, or null for transparent. */
function sample(x, y, size, { rounded, shieldScale }) {
  if (rounded && !inRoundedSquare(x, y, size, size * 0.22)) return null;
  const unit = (size * shieldScale) / 28; // the shield is 28 units tall (y 2..30)
  const sx = (x - size / 2) / unit + 16;
  const sy = (y - size / 2) / unit + 16;
  if (!inPolygon(sx, sy, SHIELD)) return RED;
  const d = Math.min(distToSegment(sx, sy, CHECK[0], CHECK[1]), distToSegment(sx, sy, CHECK[1], CHECK[2]));
  return d <= CHECK_WIDTH / 2 ? RED : WHITE;
}

function render(size, options) {
  const png = new PNG({ width: size, height: size });
  const n = 4; // 4×4 supersampling
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const c = sample(px + (i + 0.5) / n, py + (j + 0.5) / n, size, options);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const k = (py * size + px) * 4;
      png.data[k] = a ? Math.round(r / a) : 0;
      png.data[k + 1] = a ? Math.round(g / a) : 0;
      png.data[k + 2] = a ? Math.round(b / a) : 0;
      png.data[k + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png);
}

writeFileSync(`${out}icon-192.png`, render(192, { rounded: true, shieldScale: 0.62 }));
writeFileSync(`${out}icon-512.png`, render(512, { rounded: true, shieldScale: 0.62 }));
// Maskable: full bleed, the shield inside the 80 % safe zone.
writeFileSync(`${out}maskable-512.png`, render(512, { rounded: false, shieldScale: 0.5 }));
writeFileSync(
  `${out}icon.svg`,
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#d9001b"/>' +
    '<g transform="translate(32 32) scale(1.4171) translate(-16 -16)">' +
    '<path d="M16 2 4 6.5v8.2C4 22.3 9.1 28.3 16 30c6.9-1.7 12-7.7 12-15.3V6.5L16 2z" fill="#fff"/>' +
    '<path d="m10.5 16.2 3.8 3.8 7.2-7.6" fill="none" stroke="#d9001b" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></g></svg>\n',
);
console.log('icons written to', out);
