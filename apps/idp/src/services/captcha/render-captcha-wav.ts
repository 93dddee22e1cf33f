import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Sample rate of the digit clips and of every challenge: telephone quality, enough for spoken digits. */
export const CAPTCHA_AUDIO_RATE = 8000;

/**
 * 零 … 九 spoken in Mandarin, 16-bit mono PCM at 8 kHz, made once with
 * espeak-ng (scripts/make-captcha-digit-clips.mjs) and committed, so the
 * server needs no speech engine and no network service.
 */
let clips: Int16Array[] | null = null;

export function digitClips(): Int16Array[] {
  clips ??= Array.from({ length: 10 }, (_, digit) => pcmSamples(readFileSync(new URL(`./digit-clips/${digit}.wav`, import.meta.url))));
  return clips;
}

/** The samples of a 16-bit mono PCM WAV (the clips' format and the challenges'). */
export function pcmSamples(wav: Buffer): Int16Array {
  let pos = 12;
  while (pos + 8 <= wav.length) {
    const id = wav.toString('latin1', pos, pos + 4);
    const size = wav.readUInt32LE(pos + 4);
    if (id === 'data') {
      const bytes = wav.subarray(pos + 8, Math.min(wav.length, pos + 8 + size));
      const samples = new Int16Array(bytes.length >> 1);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
      return samples;
    }
    pos += 8 + size + (size & 1);
  }
  throw new RangeError('not a PCM WAV file: no data chunk');
}

/** `random(n)`: an integer in [0, n). crypto.randomInt unless a test seeds it. */
export type RandomInt = (n: number) => number;

const ms = (milliseconds: number) => Math.round((milliseconds * CAPTCHA_AUDIO_RATE) / 1000);

/**
 * The spoken challenge: each digit's clip at a random loudness, separated
 * by random pauses, over light random noise, as a WAV file. The variation
 * keeps two challenges with the same digits from being byte-identical, so
 * a recording of one cannot be matched byte for byte; it is no defence
 * against a speech recogniser, which no audio captcha is — the audio is
 * there for people who cannot see the picture, with the same one-time and
 * expiry rules.
 */
export function renderCaptchaWav(digits: string, random: RandomInt = randomInt): Buffer {
  if (!/^\d+$/.test(digits)) throw new RangeError('an audio captcha speaks digits only');
  const sounds = digitClips();
  const lead = ms(400 + random(300));
  const gaps = [...digits].map(() => ms(350 + random(400)));
  const total = lead + [...digits].reduce((sum, d, i) => sum + sounds[Number(d)]!.length + gaps[i]!, 0);
  const mix = new Float64Array(total);
  let at = lead;
  [...digits].forEach((d, i) => {
    const clip = sounds[Number(d)]!;
    const gain = 0.75 + random(250) / 1000;
    for (let j = 0; j < clip.length; j++) mix[at + j] = clip[j]! * gain;
    at += clip.length + gaps[i]!;
  });
  const noise = 300 + random(400);
  for (let i = 0; i < total; i++) mix[i] = mix[i]! + (random(2 * noise + 1) - noise);
  return wavFile(mix);
}

function wavFile(samples: Float64Array): Buffer {
  const out = Buffer.alloc(44 + samples.length * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples.length * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(CAPTCHA_AUDIO_RATE, 24);
  out.writeUInt32LE(CAPTCHA_AUDIO_RATE * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((s, i) => out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s))), 44 + 2 * i));
  return out;
}
