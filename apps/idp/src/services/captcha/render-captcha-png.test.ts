import { describe, it, expect } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { CAPTCHA_ALPHABET } from './captcha-text.ts';
import { CAPTCHA_GLYPH_CHARS, renderCaptchaPng } from './render-captcha-png.ts';
import { PNG_SIGNATURE, encodePng } from './png-encode.ts';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
  /** Bytes the CRC covers: type + data. */
  covered: Buffer;
}

function readChunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks: Chunk[] = [];
  let pos = 8;
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    chunks.push({ type, data, crc: png.readUInt32BE(pos + 8 + length), covered: png.subarray(pos + 4, pos + 8 + length) });
    pos += 12 + length;
  }
  expect(pos).toBe(png.length);
  return chunks;
}

interface Decoded {
  width: number;
  height: number;
  channels: number;
  /** Raw IDAT stream after inflate (filter byte + filtered row, per row). */
  raw: Buffer;
  pixels: Uint8Array;
}

/** Minimal independent PNG decoder (8-bit RGB/RGBA, no interlace) used to check the encoder. */
function decodePng(png: Buffer): Decoded {
  const chunks = readChunks(png);
  const ihdr = chunks.find((c) => c.type === 'IHDR')!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect(ihdr[8]).toBe(8);
  expect([2, 6]).toContain(ihdr[9]);
  expect(ihdr[12]).toBe(0);
  const channels = ihdr[9] === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    expect(filter).toBeLessThanOrEqual(4);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, raw, pixels };
}

/** Deterministic PRNG (mulberry32) for seeded renders. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const luma = (px: Uint8Array, i: number): number => 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;

describe('encodePng', () => {
  it('round-trips RGB and RGBA pixels', () => {
    const random = seeded(7);
    for (const channels of [3, 4] as const) {
      const width = 37;
      const height = 23;
      const pixels = new Uint8Array(width * height * channels);
      // Mix of flat rows, gradients and noise.
      for (let i = 0; i < pixels.length; i++) {
        const y = Math.floor(i / (width * channels));
        pixels[i] = y % 3 === 0 ? 200 : y % 3 === 1 ? (i * 3) & 0xff : Math.floor(random() * 256);
      }
      const decoded = decodePng(encodePng({ width, height, channels, pixels }));
      expect(decoded.width).toBe(width);
      expect(decoded.height).toBe(height);
      expect(decoded.channels).toBe(channels);
      expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
    }
  });

  it('rejects a pixel buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, pixels: new Uint8Array(11) })).toThrow(RangeError);
  });
});

describe('renderCaptchaPng', () => {
  it('writes a PNG signature and an IHDR of 2× the CSS size by default', () => {
    const png = renderCaptchaPng('AB34');
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect(ihdr.length).toBe(13);
    expect(ihdr.readUInt32BE(0)).toBe(240);
    expect(ihdr.readUInt32BE(4)).toBe(80);
    expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  });

  it('honours width, height and scale', () => {
    for (const [width, height, scale] of [
      [120, 40, 1],
      [150, 50, 2],
      [90, 30, 1],
    ] as const) {
      const { data } = readChunks(renderCaptchaPng('XY9', { width, height, scale }))[0]!;
      expect(data.readUInt32BE(0)).toBe(width * scale);
      expect(data.readUInt32BE(4)).toBe(height * scale);
    }
  });

  it('has a valid CRC on every chunk', () => {
    for (const chunk of readChunks(renderCaptchaPng('QRS7'))) {
      expect(crc32(chunk.covered), chunk.type).toBe(chunk.crc);
    }
  });

  it('inflates IDAT to height × (1 + width × bytesPerPixel) bytes', () => {
    for (const scale of [1, 2] as const) {
      const { width, height, channels, raw } = decodePng(renderCaptchaPng('MNPW', { scale }));
      expect(channels).toBe(3);
      expect(raw.length).toBe(height * (1 + width * channels));
    }
  });

  it('differs between two renders of the same text', () => {
    expect(renderCaptchaPng('HJKL').equals(renderCaptchaPng('HJKL'))).toBe(false);
  });

  it('is deterministic for the same seeded random', () => {
    const a = renderCaptchaPng('E5G6', { random: seeded(42) });
    const b = renderCaptchaPng('E5G6', { random: seeded(42) });
    const c = renderCaptchaPng('E5G6', { random: seeded(43) });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('draws dark text strokes inside the text area on a light background', () => {
    const random = seeded(1);
    for (let n = 0; n < 10; n++) {
      const { width, height, pixels } = decodePng(renderCaptchaPng('B8S5', { random }));
      let dark = 0;
      let darkOutside = 0;
      let light = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const l = luma(pixels, (y * width + x) * 3);
          const inside = x > width * 0.05 && x < width * 0.95;
          if (l < 80) {
            if (inside) dark++;
            else darkOutside++;
          }
          if (l > 200) light++;
        }
      }
      // Four glyphs of thick strokes: thousands of dark pixels at 240×80.
      expect(dark).toBeGreaterThan(width * height * 0.05);
      expect(darkOutside).toBeLessThan(dark * 0.05);
      // Mostly light background: good contrast for humans.
      expect(light).toBeGreaterThan(width * height * 0.5);
    }
  });

  it('never puts the answer into the file bytes', () => {
    for (const text of ['ABCD', 'WXY3', '7777', 'PNGE']) {
      const png = renderCaptchaPng(text);
      expect(png.includes(Buffer.from(text, 'latin1'))).toBe(false);
      expect(png.includes(Buffer.from(text.toLowerCase(), 'latin1'))).toBe(false);
      expect(readChunks(png).every((c) => ['IHDR', 'IDAT', 'IEND'].includes(c.type))).toBe(true);
    }
  });

  it('renders every alphabet character, each producing ink', () => {
    for (const ch of CAPTCHA_ALPHABET) {
      expect(CAPTCHA_GLYPH_CHARS).toContain(ch);
      const { width, height, pixels } = decodePng(renderCaptchaPng(ch, { random: seeded(ch.charCodeAt(0)) }));
      let dark = 0;
      for (let i = 0; i < width * height; i++) if (luma(pixels, i * 3) < 80) dark++;
      expect(dark, ch).toBeGreaterThan(150);
    }
    expect(() => renderCaptchaPng(CAPTCHA_ALPHABET.slice(0, 12))).not.toThrow();
  });

  it('accepts lower-case input for alphabet letters', () => {
    const seed = 5;
    expect(renderCaptchaPng('abcd', { random: seeded(seed) }).equals(renderCaptchaPng('ABCD', { random: seeded(seed) }))).toBe(true);
  });

  it('rejects unsupported characters, bad lengths and bad sizes without echoing the text', () => {
    for (const text of ['', 'AB0D', 'ABIC', 'A B', '验证码', 'A'.repeat(13)]) {
      expect(() => renderCaptchaPng(text), text).toThrow(RangeError);
    }
    try {
      renderCaptchaPng('SECRET0');
    } catch (err) {
      expect((err as Error).message).not.toContain('SECRET');
    }
    expect(() => renderCaptchaPng('ABCD', { width: 10 })).toThrow(RangeError);
    expect(() => renderCaptchaPng('ABCD', { height: 12.5 })).toThrow(RangeError);
    expect(() => renderCaptchaPng('ABCD', { scale: 3 as 1 })).toThrow(RangeError);
  });
});
