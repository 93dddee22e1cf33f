// Regenerates the audio captcha's Mandarin digit clips (零 一 … 九) with espeak-ng, once, by hand:
//   apt-get install -y espeak-ng && node scripts/make-captcha-digit-clips.mjs
// The clips are committed (apps/idp/src/services/captcha/digit-clips/), so the server never needs espeak.
// Each clip: 8 kHz, 16-bit mono PCM WAV, silence trimmed, peak normalised — small, and telephone
// quality is all a spoken digit needs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../apps/idp/src/services/captcha/digit-clips');
const WORDS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const RATE = 8000;

function pcmOf(wav) {
  let pos = 12;
  let rate = 0;
  while (pos < wav.length) {
    const id = wav.toString('latin1', pos, pos + 4);
    const size = wav.readUInt32LE(pos + 4);
    if (id === 'fmt ') rate = wav.readUInt32LE(pos + 12);
    if (id === 'data') {
      const end = Math.min(wav.length, pos + 8 + size);
      const samples = new Float64Array((end - pos - 8) >> 1);
      for (let i = 0; i < samples.length; i++) samples[i] = wav.readInt16LE(pos + 8 + 2 * i) / 32768;
      return { rate, samples };
    }
    pos += 8 + size;
  }
  throw new Error('no data chunk');
}

/** Box low-pass over the source span of each output sample, then pick: enough for speech at 8 kHz. */
function resample(samples, from, to) {
  const ratio = from / to;
  const out = new Float64Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const start = Math.floor(i * ratio);
    const end = Math.max(start + 1, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = start; j < end; j++) sum += samples[j] ?? 0;
    out[i] = sum / (end - start);
  }
  return out;
}

function trimAndNormalise(samples) {
  const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  const threshold = peak * 0.02;
  let first = samples.findIndex((s) => Math.abs(s) > threshold);
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]) <= threshold) last--;
  first = Math.max(0, first - RATE / 100);
  last = Math.min(samples.length - 1, last + RATE / 100);
  return samples.subarray(first, last + 1).map((s) => (s / peak) * 0.9);
}

function wavOf(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), 2 * i));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

mkdirSync(OUT_DIR, { recursive: true });
WORDS.forEach((word, digit) => {
  const { rate, samples } = pcmOf(execFileSync('espeak-ng', ['-v', 'cmn', '-s', '140', '--stdout', word]));
  const clip = trimAndNormalise(resample(samples, rate, RATE));
  writeFileSync(join(OUT_DIR, `${digit}.wav`), wavOf(clip));
  console.log(`${digit} ${word}: ${(clip.length / RATE).toFixed(2)} s`);
});
