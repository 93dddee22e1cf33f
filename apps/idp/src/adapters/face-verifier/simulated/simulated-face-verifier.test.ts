import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankFrame, faceFrame, otherPicture } from '../../../../test/support/face-frames.ts';
import type { FaceFrame } from '../../../ports/face-verifier.ts';
import { SimulatedFaceVerifier } from './simulated-face-verifier.ts';

const verifier = new SimulatedFaceVerifier();
const jpegs = (...data: Buffer[]): FaceFrame[] => data.map((bytes) => ({ mediaType: 'image/jpeg', data: bytes }));
const challenge = { id: 'challenge-1', actions: ['blink', 'shake'] } as const;
const verify = (frames: FaceFrame[], idNumber = '110101199001011237') => verifier.verify({ idType: 'resident_id', name: '张三', idNumber, frames, challenge });

describe('SimulatedFaceVerifier', () => {
  it('passes a face that moved between frames, at any resolution', async () => {
    expect(await verify(jpegs(faceFrame(), faceFrame({ offsetX: 24 })))).toBe('pass');
    expect(await verify(jpegs(faceFrame({ width: 640, height: 480 }), faceFrame({ width: 640, height: 480, offsetX: 40 })))).toBe('pass');
    // Only one pair needs to show the movement.
    expect(await verify(jpegs(faceFrame(), faceFrame(), faceFrame({ offsetX: 24 })))).toBe('pass');
  });

  it("passes frames of Chromium's fake camera (a sweeping circle)", async () => {
    const frames = [0, 1].map((i) => readFileSync(new URL(`./fixtures/chromium-fake-camera-${i}.jpg`, import.meta.url)));
    expect(await verify(jpegs(...frames))).toBe('pass');
  });

  it('finds no live face in identical frames, nor in a swapped picture', async () => {
    expect(await verify(jpegs(faceFrame(), faceFrame()))).toBe('not_live');
    expect(await verify(jpegs(faceFrame(), otherPicture()))).toBe('not_live');
  });

  it('finds no face in blank, tiny, unreadable or too few frames', async () => {
    expect(await verify(jpegs(blankFrame(), blankFrame()))).toBe('no_face');
    expect(await verify(jpegs(faceFrame(), blankFrame()))).toBe('no_face');
    expect(await verify(jpegs(faceFrame({ width: 150, height: 120 }), faceFrame({ width: 150, height: 120, offsetX: 20 })))).toBe('no_face');
    expect(await verify(jpegs(Buffer.from('not a jpeg'), faceFrame()))).toBe('no_face');
    expect(await verify(jpegs(faceFrame().subarray(0, 200), faceFrame({ offsetX: 24 })))).toBe('no_face');
    expect(await verify(jpegs(faceFrame()))).toBe('no_face');
  });

  it('says "not this person" for a sequence code of 998, after a live face only', async () => {
    expect(await verify(jpegs(faceFrame(), faceFrame({ offsetX: 24 })), '110101199001019983')).toBe('mismatch');
    expect(await verify(jpegs(faceFrame(), faceFrame()), '110101199001019983')).toBe('not_live');
  });

  it('needs a challenge with at least one action, whichever actions it names (it cannot see them)', async () => {
    const frames = jpegs(faceFrame(), faceFrame({ offsetX: 24 }));
    for (const actions of [['nod'], ['shake', 'blink'], ['nod', 'blink']] as const) {
      expect(await verifier.verify({ idType: 'resident_id', name: '张三', idNumber: '110101199001011237', frames, challenge: { id: 'c', actions } })).toBe('pass');
    }
    expect(await verifier.verify({ idType: 'resident_id', name: '张三', idNumber: '110101199001011237', frames, challenge: { id: 'c', actions: [] } })).toBe('not_live');
    expect(await verifier.verify({ idType: 'resident_id', name: '张三', idNumber: '110101199001011237', frames, challenge: { id: '', actions: ['blink'] } })).toBe('not_live');
  });

  it('is labelled a simulator', () => {
    expect(verifier.simulated).toBe(true);
  });
});
