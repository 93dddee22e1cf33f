import jpeg from 'jpeg-js';

/**
 * Camera frames for tests, as real JPEGs: a lit background (a horizontal
 * gradient) with a bright oval "face" in the middle. Moving the oval between
 * two frames is the face-sized change the simulated verifier looks for.
 */
export function faceFrame(options: { offsetX?: number; width?: number; height?: number; quality?: number } = {}): Buffer {
  const { offsetX = 0, width = 320, height = 240, quality = 80 } = options;
  const rgba = Buffer.alloc(width * height * 4);
  const [cx, cy, rx, ry] = [width / 2 + offsetX, height / 2, width / 8, height / 5];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const inFace = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const value = inFace ? 225 : Math.round(60 + (140 * x) / width);
      rgba.set([value, inFace ? value - 30 : value, inFace ? value - 50 : value, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data: rgba }, quality).data;
}

/** One uniform grey frame: a covered lens. */
export function blankFrame(width = 320, height = 240): Buffer {
  return jpeg.encode({ width, height, data: Buffer.alloc(width * height * 4, 128) }, 80).data;
}

/** A different picture altogether (a checkerboard), as a swapped photo would be. */
export function otherPicture(width = 320, height = 240): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const value = (Math.floor(x / 20) + Math.floor(y / 20)) % 2 === 0 ? 20 : 235;
      rgba.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data: rgba }, 80).data;
}

export const asDataUrl = (jpegBytes: Buffer, mediaType = 'image/jpeg') => `data:${mediaType};base64,${jpegBytes.toString('base64')}`;

/** Two frames of a face that moved: passes the simulated verifier. */
export const liveFrames = () => [asDataUrl(faceFrame()), asDataUrl(faceFrame({ offsetX: 24 }))];
