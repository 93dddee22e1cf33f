import argon2 from 'argon2';
import { OWASP_ARGON2ID } from '../../apps/idp/src/adapters/password/argon2-password-hasher.ts';

/**
 * A raw Argon2id verifier as its own process, so it runs under the glibc
 * allocator settings it was started with (they are read once, at process
 * start): the parent sends `{ id }`, this verifies and answers `{ id, ok }`.
 */
const password = 'bench-password-Argon2id';
const hash = await argon2.hash(password, OWASP_ARGON2ID);

process.on('message', (message: { id: number }) => {
  void argon2.verify(hash, password).then(
    (ok) => process.send!({ id: message.id, ok }),
    () => process.send!({ id: message.id, ok: false }),
  );
});
process.send!({ ready: true });
