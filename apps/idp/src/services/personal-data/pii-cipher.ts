import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for personal data (name, ID number, phone) and the keyed
 * blind index that finds a row without storing the value in clear.
 *
 * Envelope: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url), AES-256-GCM. The
 * key id lets old rows be read after the active key rotates; the `context`
 * (table.column) is bound as associated data so a ciphertext copied into
 * another column or row kind does not decrypt.
 */
export class PiiCipher {
  private readonly keysById: Map<string, Buffer>;
  private readonly activeKeyId: string;

  constructor(
    keyRing: { id: string; key: Buffer }[],
    private readonly blindIndexKey: Buffer,
  ) {
    if (keyRing.length === 0) throw new Error('PiiCipher needs at least one key');
    this.keysById = new Map(keyRing.map(({ id, key }) => [id, key]));
    this.activeKeyId = keyRing[0]!.id;
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keysById.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return ['v1', this.activeKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(envelope: string, context: string): string {
    const [version, keyId, ivText, bodyText] = envelope.split('.');
    const key = keyId ? this.keysById.get(keyId) : undefined;
    if (version !== 'v1' || !key || !ivText || !bodyText) throw new Error('unreadable personal-data envelope');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** True when the envelope was written with the current (first) key of the ring; key rotation skips it. */
  isOnCurrentKey(envelope: string): boolean {
    return envelope.split('.')[1] === this.activeKeyId;
  }

  /** Deterministic keyed digest for equality look-ups; `kind` keeps indexes of different fields apart. */
  blindIndex(kind: string, value: string): string {
    return createHmac('sha256', this.blindIndexKey).update(kind).update('\u0000').update(value).digest('base64url');
  }
}
