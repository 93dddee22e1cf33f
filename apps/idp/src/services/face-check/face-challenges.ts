import { createHash, randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { FaceCapture, FaceChallenge, FaceLivenessAction } from '../../ports/face-verifier.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { RateLimit, RateLimiter } from '../rate-limit/rate-limiter.ts';

export const FACE_CHALLENGE_POLICY = {
  /** From the challenge to the frames: long enough to read the prompts, too short to keep a recording in stock. */
  ttlSeconds: 120,
  actions: ['blink', 'shake', 'nod'] as const satisfies readonly FaceLivenessAction[],
  /**
   * Actions per challenge: 2 distinct ones in random order (6 sequences). The
   * app takes 2 frames during each, so 4 frames: inside the 2–6 of a face check.
   */
  actionsPerChallenge: 2,
} as const;

export const FACE_CHALLENGE_LIMITS = {
  /** Challenges per client address: twice the app-login budget (30/h), for retries and 换绑's face step. */
  perIp: { name: 'face-challenge:ip', limit: 60, windowSeconds: 3600 },
} satisfies Record<string, RateLimit>;

/** What the app gets: the id to send back with the frames (or clip), the prompts to show, in order, and what to capture. */
export interface IssuedFaceChallenge {
  challengeId: string;
  actions: FaceLivenessAction[];
  expiresIn: number;
  capture: FaceCapture;
}

interface StoredFaceChallenge {
  actions: FaceLivenessAction[];
  /** Epoch ms, by the service clock (the store's TTL is only the clean-up). */
  expiresAt: number;
}

const ID_PATTERN = /^fc_[\w-]{22}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const invalid = () => new AppError('FACE_CHALLENGE_INVALID', { field: 'challengeId' });

/** `count` distinct actions in a random order (a partial Fisher–Yates shuffle). */
export function pickActions(count: number = FACE_CHALLENGE_POLICY.actionsPerChallenge, random: (max: number) => number = randomInt): FaceLivenessAction[] {
  const pool: FaceLivenessAction[] = [...FACE_CHALLENGE_POLICY.actions];
  for (let i = 0; i < count; i++) {
    const j = i + random(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/**
 * Server-issued liveness challenges (活体检测的动作与随机数): the server picks
 * the actions the app prompts for, and a face check must name a challenge,
 * which it spends (atomically, `take`) before anything else costly. So a
 * recorded request cannot be replayed, and a real verifier learns which
 * actions the frames should show. Used by the face login and 换绑's face step;
 * not bound to a session (the login has none yet).
 */
export class FaceChallenges {
  constructor(
    /** `capture`: the configured verifier's, told to the app with each challenge; null when there is no face verifier (no challenge is issued). */
    private readonly deps: { store: KeyValueStore; rateLimiter: RateLimiter; now: () => number; capture: FaceCapture | null },
  ) {}

  async issue(context: { ip: string }): Promise<IssuedFaceChallenge> {
    const { capture } = this.deps;
    if (!capture) throw new AppError('FACE_CHECK_UNAVAILABLE');
    await this.deps.rateLimiter.hit(FACE_CHALLENGE_LIMITS.perIp, context.ip);
    const challengeId = `fc_${randomBytes(16).toString('base64url')}`;
    const actions = pickActions();
    const stored: StoredFaceChallenge = { actions, expiresAt: this.deps.now() + FACE_CHALLENGE_POLICY.ttlSeconds * 1000 };
    await this.deps.store.set(this.key(challengeId), JSON.stringify(stored), FACE_CHALLENGE_POLICY.ttlSeconds);
    return { challengeId, actions, expiresIn: FACE_CHALLENGE_POLICY.ttlSeconds, capture };
  }

  /** One-time: of two requests with one challenge, one gets it; unknown, expired or spent is FACE_CHALLENGE_INVALID. */
  async take(challengeId: string): Promise<FaceChallenge> {
    if (!ID_PATTERN.test(challengeId)) throw invalid();
    const raw = await this.deps.store.take(this.key(challengeId));
    if (raw === null) throw invalid();
    const stored = JSON.parse(raw) as StoredFaceChallenge;
    if (stored.expiresAt <= this.deps.now()) throw invalid();
    return { id: challengeId, actions: stored.actions };
  }

  private key(challengeId: string) {
    return `face:challenge:${sha256(challengeId)}`;
  }
}
