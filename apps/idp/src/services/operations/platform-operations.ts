import type { PlatformFeatures, PlatformHealthResponse } from '@uia/schemas';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { SigningKeyStore } from '../../ports/signing-key-store.ts';
import { rotateSigningKeys } from '../../oidc/signing-keys.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { auditedActor, type OperatorActor } from './operator-actor.ts';
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
    const kids = await rotateSigningKeys(this.deps.signingKeys, this.deps.cipher);
    await this.deps.audit.append({
      type: 'signing_key.rotate',
      outcome: 'success',
      target: kids.join(' '),
      ...auditedActor(actor),
    });
    return { kids };
  }

  async health(): Promise<PlatformHealthResponse> {
    const readiness = await checkReadiness(this.deps.readinessChecks);
    return { ...readiness, versions: { platform: this.deps.version, node: process.version }, features: this.deps.features };
  }
}
