import type { EntityStanding } from './entity-membership.ts';
import type { ServiceRef } from './entity-types.ts';

/** An entity as the person who may act for it sees it (user center, the app's 选择登录单位). */
export interface EntityView {
  id: string;
  uscc: string;
  name: string;
  accountName: string | null;
  role: EntityStanding['role'];
  services: ServiceRef[] | null;
  expiresAt: string | null;
}

export function entityView(standing: EntityStanding, serviceNames: ReadonlyMap<string, string>): EntityView {
  const { entity, role, grant } = standing;
  return {
    id: entity.id,
    uscc: entity.uscc,
    name: entity.name,
    accountName: entity.accountName,
    role,
    services: grant?.services ? grant.services.map((id) => ({ id, name: serviceNames.get(id) ?? id })) : null,
    expiresAt: grant ? new Date(grant.expiresAt).toISOString() : null,
  };
}
