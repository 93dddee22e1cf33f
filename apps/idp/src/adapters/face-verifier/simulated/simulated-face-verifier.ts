import type { FaceVerdict, FaceVerifier, FaceVerifyRequest } from '../../../ports/face-verifier.ts';
import { luminanceGrid, type LuminanceGrid } from './luminance-grid.ts';

/**
 * The simulator's rules (docs/demo.md). Frames are compared on a 32 × 24
 * grid of mean luminance, so resolution and JPEG noise do not matter.
 */
export const SIMULATED_FACE_RULES = {
  minFrames: 2,
  minWidth: 160,
  minHeight: 120,
  grid: { columns: 32, rows: 24 },
  /** A frame whose brightest and darkest cells differ by less than this is blank (lens covered, black frame). */
  minSpread: 24,
  /** A cell changed when its luminance moved by at least this much (after removing the frame-wide shift of auto-exposure). */
  cellChange: 16,
  /** The central region (the middle half in each direction) must change in at least this share of its cells … */
  minCentralChange: 0.04,
  /** … while the whole picture changes in at most this share (more is another picture, not a movement). */
  maxOverallChange: 0.75,
  /** 演示: an ID number with this sequence code (characters 15–17) is "not the person" after a live face. */
  mismatchSequence: '998',
} as const;

/**
 * 演示用人脸识别模拟器 — a stand-in for a real face service. It checks what a
 * browser can really capture, and never who is in the picture:
 * - every frame is a JPEG of at least 160 × 120 that is not blank, else `no_face`;
 * - some pair of consecutive frames shows a face-sized change: a movement in
 *   the middle of the picture, not a change of the whole picture, else
 *   `not_live` (two identical frames are never live);
 * - then an ID number whose sequence code is `998` is a `mismatch`, any other `pass`.
 * Chromium's fake camera (a sweeping circle in the middle) passes. Frames are
 * only decoded in memory: never stored, never logged.
 *
 * The challenge: the simulator cannot tell a blink from a nod, so it does not
 * check that the frames show `request.challenge.actions` (a real service
 * does). What it relies on is that the service only calls it with a fresh,
 * server-issued challenge that was taken (one-time, 120 s) from the store
 * just before: a recorded request replayed as it was fails with
 * FACE_CHALLENGE_INVALID before it gets here. It only requires a challenge
 * with at least one action, as any real service would.
 */
export class SimulatedFaceVerifier implements FaceVerifier {
  readonly simulated = true;
  /** Compares JPEG frames: the app's default capture. */
  readonly capture = { kind: 'frames' } as const;

  /** The simulator does not compare with any photo, so every ID type is fine. */
  supportsIdType(): boolean {
    return true;
  }

  async verify(request: FaceVerifyRequest): Promise<FaceVerdict> {
    const rules = SIMULATED_FACE_RULES;
    // No challenge, no liveness: the service never calls without one (the type says so too).
    if (!request.challenge?.id || request.challenge.actions.length === 0) return 'not_live';
    if (request.frames.length < rules.minFrames) return 'no_face';
    const grids: LuminanceGrid[] = [];
    for (const frame of request.frames) {
      const grid = luminanceGrid(frame.data, { ...rules.grid, minWidth: rules.minWidth, minHeight: rules.minHeight });
      if (!grid || isBlank(grid)) return 'no_face';
      grids.push(grid);
    }
    if (!grids.some((grid, index) => index > 0 && isFaceSizedChange(grids[index - 1]!, grid))) return 'not_live';
    const sequence = request.idNumber.length === 18 ? request.idNumber.slice(14, 17) : '';
    return sequence === rules.mismatchSequence ? 'mismatch' : 'pass';
  }
}

function isBlank(grid: LuminanceGrid): boolean {
  let min = 255;
  let max = 0;
  for (const value of grid.cells) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return max - min < SIMULATED_FACE_RULES.minSpread;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function isFaceSizedChange(before: LuminanceGrid, after: LuminanceGrid): boolean {
  const { columns, rows } = before;
  const differences = Array.from(after.cells, (value, cell) => value - before.cells[cell]!);
  const shift = median(differences);
  let changed = 0;
  let central = 0;
  let centralChanged = 0;
  differences.forEach((difference, cell) => {
    const x = cell % columns;
    const y = Math.floor(cell / columns);
    const isCentral = x >= columns / 4 && x < (3 * columns) / 4 && y >= rows / 4 && y < (3 * rows) / 4;
    const moved = Math.abs(difference - shift) >= SIMULATED_FACE_RULES.cellChange;
    if (moved) changed += 1;
    if (isCentral) {
      central += 1;
      if (moved) centralChanged += 1;
    }
  });
  return centralChanged / central >= SIMULATED_FACE_RULES.minCentralChange && changed / differences.length <= SIMULATED_FACE_RULES.maxOverallChange;
}
