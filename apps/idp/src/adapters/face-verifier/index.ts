import type { FaceVerifierConfig } from '../../config.ts';
import type { FaceVerifier } from '../../ports/face-verifier.ts';
import { SimulatedFaceVerifier } from './simulated/simulated-face-verifier.ts';

/** The face verifier chosen by configuration; null when there is none (no face login, nothing reaches L3). */
export function createFaceVerifier(config: FaceVerifierConfig): FaceVerifier | null {
  if (config === null) return null;
  switch (config.provider) {
    case 'simulated':
      return new SimulatedFaceVerifier();
  }
}
