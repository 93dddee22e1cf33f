import type { PlatformFeatures, PlatformHealthResponse } from '@uia/schemas';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { SigningKeyStore } from '../../ports/signing-key-store.ts';
import { rotateSigningKeys } from '../../oidc/signing-keys.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { OperatorActor } from './operator-actor.ts';
import { checkReadiness, type ReadinessChecks } from './readiness.ts';

export interface PlatformOperationsDeps {
  signingKeys: SigningKeyStore;
  cipher: PiiCipher;
  audit: AuditLog;
  readinessChecks: ReadinessChecks;
  features: PlatformFeatures;
  /** The platform's release (apps/idp/package.json). */
  version: string;
}

/** 系统管理员's platform tasks besides the registry: signing-key rotation and the read-only health view. */
export class PlatformOperations {
  constructor(private readonly deps: PlatformOperationsDeps) {}

  /** What `npm run keys:rotate` does: new keys for every algorithm, signing on each node after its next restart. */
  async rotateSigningKeys(actor: OperatorActor): Promise<{ kids: string[] }> {
    const origin = actor.kind === 'console' ? { via: 'console' as const, actor: { accountId: actor.accountId, role: actor.role } } : { via: 'cli' as const };
    const kids = await rotateSigningKeys(this.deps.signingKeys, this.deps.cipher, this.deps.audit, origin);
    return { kids };
  }

  async health(): Promise<PlatformHealthResponse> {
    const readiness = await checkReadiness(this.deps.readinessChecks);
    return { ...readiness, versions: { platform: this.deps.version, node: process.version }, features: this.deps.features };
  }
}
