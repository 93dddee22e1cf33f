// QR decoding: the browser's BarcodeDetector where it supports qr_code,
// jsQR (loaded on demand) on canvas pixels otherwise.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

export type QrDecoder = {
  kind: 'native' | 'jsqr';
  /** The text of a QR code in the picture, or null. */
  decode(source: HTMLVideoElement | HTMLCanvasElement | ImageBitmap, options?: { thorough?: boolean }): Promise<string | null>;
};

/** Longest side handed to jsQR: enough for a QR on a PC screen, cheap enough for ~5 decodes a second. */
const MAX_SIDE = 800;

function sourceSize(source: HTMLVideoElement | HTMLCanvasElement | ImageBitmap): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  return { width: source.width, height: source.height };
}

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = await Detector.getSupportedFormats();
    if (!formats.includes('qr_code')) return null;
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return null;
  }
}

export async function createQrDecoder(): Promise<QrDecoder> {
  const native = 'BarcodeDetector' in window ? await nativeDetector() : null;
  if (native) {
    return {
      kind: 'native',
      async decode(source) {
        const { width, height } = sourceSize(source);
        if (!width || !height) return null;
        const found = await native.detect(source);
        return found.find((code) => typeof code.rawValue === 'string' && code.rawValue)?.rawValue ?? null;
      },
    };
  }

  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    kind: 'jsqr',
    async decode(source, options = {}) {
      const { width, height } = sourceSize(source);
      if (!width || !height || !context) return null;
      const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      canvas.width = w;
      canvas.height = h;
      context.drawImage(source, 0, 0, w, h);
      const pixels = context.getImageData(0, 0, w, h);
      const code = jsQR(pixels.data, w, h, { inversionAttempts: options.thorough ? 'attemptBoth' : 'dontInvert' });
      return code?.data ? code.data : null;
    },
  };
}
