import { AppError } from '../../errors.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { PubSub } from '../../ports/pub-sub.ts';
import { QR_LOGIN_POLICY } from './qr-login-policy.ts';
import { isQrId } from '@uia/schemas';
import { atTime, type QrLoginRecord } from './qr-login-record.ts';

/** Rounds of compare-and-set before giving up: each lost round means another request moved the record. */
const MAX_SWAP_ROUNDS = 20;

/** The PubSub channel a QR's changes are published on. */
const channelOf = (id: string) => `qr:${id}`;

interface Read {
  raw: string;
  record: QrLoginRecord;
}

/**
 * QR login records in the key-value store, shared by every node. Every
 * change is a compare-and-set (`swap`) of the whole record against the value
 * it was computed from, so of two nodes moving one QR at the same moment one
 * wins and the other re-reads; each change is then published on `qr:<id>`.
 * Reading a record past its deadline writes it as expired first, so whoever
 * notices the expiry (a watching stream's timer, a late scan) tells everyone.
 */
export class QrLoginRecords {
  constructor(
    private readonly store: KeyValueStore,
    private readonly pubSub: PubSub,
    private readonly now: () => number,
  ) {}

  /**
   * Stores a new record and makes it its interaction's current QR (key
   * `qr-login:current:<uid>`, created or moved by compare-and-set so of two
   * racing QRs one ends current and the other is replaced); answers the QR it
   * replaced, if any.
   */
  async create(record: QrLoginRecord): Promise<string | null> {
    await this.store.set(this.key(record.id), JSON.stringify(record), this.retentionLeft(record));
    const pointer = this.currentKey(record.interactionUid);
    const ttl = QR_LOGIN_POLICY.retentionSeconds;
    for (let round = 0; round < MAX_SWAP_ROUNDS; round += 1) {
      const previous = await this.store.get(pointer);
      if (previous === null) {
        if (await this.store.setIfAbsent(pointer, record.id, ttl)) return null;
        continue;
      }
      if (await this.store.swap(pointer, previous, record.id, ttl)) return previous;
    }
    throw new Error('QR login pointer kept changing under compare-and-set');
  }

  /** Whether `id` is the QR last made for the interaction (刷新 makes the older ones useless). */
  async isCurrent(id: string, interactionUid: string): Promise<boolean> {
    return (await this.store.get(this.currentKey(interactionUid))) === id;
  }

  /** The record as of now, or null (unknown, malformed id, past its retention). */
  async read(id: string): Promise<QrLoginRecord | null> {
    return (await this.settled(id))?.record ?? null;
  }

  /**
   * Applies one state-machine event: `decide` answers the next record, null
   * when there is nothing to change, or throws. An unknown QR is expired.
   * `decide` may look things up (it runs again if the record moved meanwhile).
   */
  async update(id: string, decide: (record: QrLoginRecord) => QrLoginRecord | null | Promise<QrLoginRecord | null>): Promise<QrLoginRecord> {
    for (let round = 0; round < MAX_SWAP_ROUNDS; round += 1) {
      const current = await this.settled(id);
      if (!current) throw new AppError('QR_EXPIRED');
      const next = await decide(current.record);
      if (!next) return current.record;
      if (await this.swap(current.raw, next)) return next;
    }
    throw new Error('QR login record kept changing under compare-and-set');
  }

  /** Calls `listener` after every change of the record, made on any node. Resolves once listening. */
  subscribe(id: string, listener: () => void) {
    return this.pubSub.subscribe(channelOf(id), listener);
  }

  private async settled(id: string): Promise<Read | null> {
    if (!isQrId(id)) return null;
    for (let round = 0; round < MAX_SWAP_ROUNDS; round += 1) {
      const raw = await this.store.get(this.key(id));
      if (raw === null) return null;
      const stored = JSON.parse(raw) as QrLoginRecord;
      const record = atTime(stored, this.now());
      if (record === stored) return { raw, record };
      if (await this.swap(raw, record)) return { raw: JSON.stringify(record), record };
    }
    throw new Error('QR login record kept changing under compare-and-set');
  }

  private async swap(expected: string, next: QrLoginRecord): Promise<boolean> {
    const swapped = await this.store.swap(this.key(next.id), expected, JSON.stringify(next), this.retentionLeft(next));
    if (swapped) await this.pubSub.publish(channelOf(next.id), next.status);
    return swapped;
  }

  private retentionLeft(record: QrLoginRecord) {
    return Math.max(1, Math.ceil((record.requestedAt + QR_LOGIN_POLICY.retentionSeconds * 1000 - this.now()) / 1000));
  }

  private key(id: string) {
    return `qr-login:${id}`;
  }

  private currentKey(interactionUid: string) {
    return `qr-login:current:${interactionUid}`;
  }
}
