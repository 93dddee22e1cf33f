import { CAPTCHA_AUDIO_RATE, digitClips, pcmSamples } from '../../src/services/captcha/render-captcha-wav.ts';

const FRAME = CAPTCHA_AUDIO_RATE / 100; // 10 ms
/** Quieter frames are pause or noise; the challenge's noise stays far below. */
const SPEECH_RMS = 1500;
/** Pauses inside one spoken digit are shorter than this; pauses between digits are longer. */
const MIN_PAUSE_FRAMES = 20;
/**
 * How far a segment's start may sit from its clip's start once both onsets are found: a digit's
 * quiet onset can fall under SPEECH_RMS in the noisy challenge, which moves the found start by tens
 * of ms (at 20 ms about 2.5 % of random challenges misread a 1 or 7 as 4).
 */
const MAX_SHIFT = CAPTCHA_AUDIO_RATE / 10; // 100 ms
const COARSE_STEP = 4;

function frameLoud(samples: ArrayLike<number>): boolean[] {
  const loud: boolean[] = [];
  for (let start = 0; start + FRAME <= samples.length; start += FRAME) {
    let energy = 0;
    for (let i = start; i < start + FRAME; i++) energy += samples[i]! * samples[i]!;
    loud.push(Math.sqrt(energy / FRAME) > SPEECH_RMS);
  }
  return loud;
}

/** [start, end) sample ranges of speech, split at pauses of MIN_PAUSE_FRAMES or more. */
function speechSegments(samples: ArrayLike<number>): Array<[number, number]> {
  const loud = frameLoud(samples);
  const segments: Array<[number, number]> = [];
  let begin = -1;
  let quiet = 0;
  loud.forEach((isLoud, frame) => {
    if (isLoud) {
      if (begin < 0) begin = frame;
      quiet = 0;
    } else if (begin >= 0 && ++quiet >= MIN_PAUSE_FRAMES) {
      segments.push([begin * FRAME, (frame - quiet + 1) * FRAME]);
      begin = -1;
    }
  });
  if (begin >= 0) segments.push([begin * FRAME, loud.length * FRAME]);
  return segments;
}

/** Normalised cross-correlation of `clip` with `samples` placed at `at` (1 = same shape, any loudness). */
function correlation(samples: Int16Array, at: number, clip: Int16Array, clipEnergy: number): number {
  let dot = 0;
  let energy = 0;
  for (let i = Math.max(0, -at); i < clip.length && at + i < samples.length; i++) {
    const s = samples[at + i]!;
    dot += s * clip[i]!;
    energy += s * s;
  }
  return energy ? dot / Math.sqrt(energy * clipEnergy) : 0;
}

/**
 * What a listener would hear in an audio captcha: each stretch of speech is
 * matched against the ten digit clips by cross-correlation, and the best
 * match is the digit. Only a test's decoder: the clips are the server's own.
 */
export function decodeSpokenDigits(wav: Buffer): { digits: string; scores: number[] } {
  const samples = pcmSamples(wav);
  const clips = digitClips();
  const onsets = clips.map((clip) => speechSegments(clip)[0]?.[0] ?? 0);
  const energies = clips.map((clip) => clip.reduce((sum, s) => sum + s * s, 0));
  let digits = '';
  const scores: number[] = [];
  for (const [start] of speechSegments(samples)) {
    let best = { digit: -1, score: -1 };
    clips.forEach((clip, digit) => {
      const scoreAt = (shift: number) => correlation(samples, start - onsets[digit]! + shift, clip, energies[digit]!);
      // Coarse steps over the whole window, then every sample around the best of them: a quarter of the work of a full scan.
      let coarse = { shift: 0, score: -1 };
      for (let shift = -MAX_SHIFT; shift <= MAX_SHIFT; shift += COARSE_STEP) {
        const score = scoreAt(shift);
        if (score > coarse.score) coarse = { shift, score };
      }
      for (let shift = coarse.shift - COARSE_STEP + 1; shift < coarse.shift + COARSE_STEP; shift += 1) {
        const score = scoreAt(shift);
        if (score > best.score) best = { digit, score };
      }
    });
    digits += String(best.digit);
    scores.push(best.score);
  }
  return { digits, scores };
}
