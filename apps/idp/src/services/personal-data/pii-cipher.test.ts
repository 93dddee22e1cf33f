import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from './pii-cipher.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('PiiCipher', () => {
  const cipher = new PiiCipher([key('k1')], randomBytes(32));

  it('round-trips and never produces the clear text', () => {
    const envelope = cipher.encrypt('张三', 'accounts.name');
    expect(envelope).toMatch(/^v1\.k1\./);
    expect(envelope).not.toContain('张三');
    expect(cipher.decrypt(envelope, 'accounts.name')).toBe('张三');
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    expect(cipher.encrypt('13800000001', 'accounts.phone')).not.toBe(cipher.encrypt('13800000001', 'accounts.phone'));
  });

  it('binds the column: a ciphertext moved to another column does not decrypt', () => {
    const envelope = cipher.encrypt('11010519491231002X', 'accounts.id_number');
    expect(() => cipher.decrypt(envelope, 'accounts.name')).toThrow();
  });

  it('detects tampering', () => {
    const envelope = cipher.encrypt('张三', 'accounts.name');
    const parts = envelope.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'accounts.name')).toThrow();
  });

  it('reads rows written under an older key after rotation', () => {
    const old = key('k1');
    const blind = randomBytes(32);
    const before = new PiiCipher([old], blind);
    const envelope = before.encrypt('李四', 'accounts.name');
    const after = new PiiCipher([key('k2'), old], blind);
    expect(after.decrypt(envelope, 'accounts.name')).toBe('李四');
    expect(after.encrypt('李四', 'accounts.name')).toMatch(/^v1\.k2\./);
    expect(after.blindIndex('phone', '13800000001')).toBe(before.blindIndex('phone', '13800000001'));
    expect(after.isOnCurrentKey(envelope)).toBe(false);
    expect(after.isOnCurrentKey(after.encrypt('李四', 'accounts.name'))).toBe(true);
    expect(before.isOnCurrentKey(envelope)).toBe(true);
  });

  it('keeps blind indexes of different kinds apart and depends on the key', () => {
    const a = cipher.blindIndex('phone', '13800000001');
    expect(a).toBe(cipher.blindIndex('phone', '13800000001'));
    expect(a).not.toBe(cipher.blindIndex('username', '13800000001'));
    expect(a).not.toBe(new PiiCipher([key('k1')], randomBytes(32)).blindIndex('phone', '13800000001'));
  });
});
