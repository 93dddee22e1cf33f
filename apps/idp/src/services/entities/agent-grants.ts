import { randomUUID } from 'node:crypto';
import { maskIdNumber, maskName, normalizeIdentifier, validateName } from '@uia/validators';
import type { GrantAgentRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AccountRepository } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { ClientRepository } from '../../ports/client-repository.ts';
import type { EntityRepository, StoredAgentGrant, StoredEntity } from '../../ports/entity-repository.ts';
import type { SessionTerminator } from '../../ports/session-terminator.ts';
import { findAccountByIdentifier } from '../accounts/account-lookup.ts';
import { isBuiltinClient } from '../clients/builtin-clients.ts';
import { meetsLevel, PII_CONTEXT } from '../accounts/account-profile.ts';
import { auditedStep } from '../audited-step.ts';
import { endOfBeijingDay, endOfBeijingDayYearsAhead } from '../beijing-time.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import { RATE_LIMITS, type RateLimiter } from '../rate-limit/rate-limiter.ts';
import { entityAccountId } from './acting-principal.ts';
import type { RepresentativeCheck } from './representative-check.ts';
import type { EntityRequestContext, ServiceRef } from './entity-types.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

/** An agent as the representative's 管理经办人 view shows them: masked. */
export interface AgentView {
  id: string;
  person: { name: string; idNumber: string };
  services: ServiceRef[] | null;
  expiresAt: string;
  grantedAt: string;
  status: 'active' | 'expired';
}

const MAX_GRANT_YEARS = 5;

/**
 * 管理经办人: the legal representative grants agents (by their name and ID
 * number or phone; they must have a real-name account), for all business or named
 * services, until a day; re-granting replaces a grant; revoking ends it at
 * once. At most `maxAgents` current grants per entity. Every change audited.
 */
export class AgentGrants {
  constructor(
    private readonly deps: {
      entities: EntityRepository;
      accounts: AccountRepository;
      clients: ClientRepository;
      cipher: PiiCipher;
      representatives: RepresentativeCheck;
      /** A revocation logs the agent's entity logins out of the services at once (back-channel logout). */
      sessions: SessionTerminator;
      rateLimiter: RateLimiter;
      audit: AuditLog;
      maxAgents: number;
      now?: () => number;
    },
  ) {}

  async list(representativeId: string, entityId: string) {
    await this.representedEntity(representativeId, entityId, { askRegistry: false });
    const [grants, services] = await Promise.all([this.deps.entities.listStandingGrants(entityId), this.services()]);
    return { agents: await Promise.all(grants.map((grant) => this.view(grant, services))), maxAgents: this.deps.maxAgents, services };
  }

  async grant(representativeId: string, entityId: string, input: GrantAgentRequest, context: EntityRequestContext): Promise<AgentView> {
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.entityAgentGranted, ...context }, async (note) => {
      note.accountId = representativeId;
      note.detail = { entityId };
      // Giving power needs the registry's representative (fail closed); taking it away (revoke) does not.
      const entity = await this.representedEntity(representativeId, entityId, { askRegistry: true });
      await this.deps.rateLimiter.hit(RATE_LIMITS.agentChangesPerAccount, representativeId);
      const now = this.now();
      const expiresAt = this.expiry(input.expiresOn, now);
      const services = await this.services();
      const named = this.namedServices(input.services, services);
      const agent = await this.agentAccount(input.agent, input.agentName);
      if (agent.id === entity.legalRepAccountId) throw new AppError('AGENT_IS_REPRESENTATIVE', { field: 'agent' });
      const grant: StoredAgentGrant = {
        id: randomUUID(),
        entityId,
        accountId: agent.id,
        services: named,
        expiresAt,
        grantedBy: representativeId,
        grantedAt: now,
        revokedAt: null,
        revokedBy: null,
      };
      const outcome = await this.deps.entities.grant(grant, { maxCurrent: this.deps.maxAgents, now });
      // A takeover committed meanwhile: the granter no longer represents the entity.
      if (outcome === 'not_representative') throw new AppError('ENTITY_REPRESENTATIVE_ONLY');
      if (outcome === 'limit_reached') {
        throw new AppError('AGENT_LIMIT_REACHED', { params: { limit: this.deps.maxAgents }, details: { limit: this.deps.maxAgents } });
      }
      const view = await this.view(grant, services);
      // The agent by account id: exact for investigators, no personal data in the audit log.
      note.detail = { entityId, grantId: grant.id, agentAccountId: agent.id, services: named === null ? 'all' : named.join(' '), expiresAt: view.expiresAt };
      return view;
    });
  }

  async revoke(representativeId: string, entityId: string, grantId: string, context: EntityRequestContext) {
    await auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.entityAgentRevoked, ...context }, async (note) => {
      note.accountId = representativeId;
      note.detail = { entityId, grantId };
      await this.representedEntity(representativeId, entityId, { askRegistry: false });
      await this.deps.rateLimiter.hit(RATE_LIMITS.agentChangesPerAccount, representativeId);
      const standing = (await this.deps.entities.listStandingGrants(entityId)).find((grant) => grant.id === grantId);
      if (!standing) throw new AppError('AGENT_GRANT_NOT_FOUND');
      note.detail.agentAccountId = standing.accountId;
      // Read before the revocation commits (as a password reset does), so a failure here changes nothing.
      const actingSubject = entityAccountId(entityId, standing.accountId);
      const signedIn = (await this.deps.sessions.signedInServices(standing.accountId)).filter((service) => service.sub === actingSubject);
      if (!(await this.deps.entities.revoke(entityId, grantId, representativeId, this.now()))) throw new AppError('AGENT_GRANT_NOT_FOUND');
      // The platform already refuses the agent's entity logins (findAccount); the services hear it now too (never throws).
      await this.deps.sessions.announceSignedOut(signedIn);
    });
    return { revoked: true as const };
  }

  private async representedEntity(personId: string, entityId: string, options: { askRegistry: boolean }): Promise<StoredEntity> {
    const entity = await this.deps.entities.findById(entityId);
    // Someone else's entity reads like one that does not exist to them: no hint which ids are real.
    if (!entity || entity.legalRepAccountId !== personId) throw new AppError('ENTITY_REPRESENTATIVE_ONLY');
    // Granting is the registry's representative's power, whoever registered the entity.
    if (options.askRegistry && !(await this.deps.representatives.stillRepresents(entity, personId))) {
      throw new AppError('ENTITY_REPRESENTATIVE_ONLY');
    }
    return entity;
  }

  private expiry(expiresOn: string, now: number): number {
    const end = endOfBeijingDay(expiresOn);
    if (end === null || end <= now || end > endOfBeijingDayYearsAhead(now, MAX_GRANT_YEARS)) {
      throw new AppError('AGENT_EXPIRY_INVALID', { field: 'expiresOn', params: { maxYears: MAX_GRANT_YEARS } });
    }
    return end;
  }

  private namedServices(requested: string[] | null, services: ServiceRef[]): string[] | null {
    if (requested === null) return null;
    const known = new Set(services.map((service) => service.id));
    const unique = [...new Set(requested)];
    if (unique.length === 0 || unique.some((id) => !known.has(id))) throw new AppError('AGENT_SERVICES_INVALID', { field: 'services' });
    return unique;
  }

  /**
   * The real-name account behind the ID number or phone, if it bears the name
   * typed too: a representative cannot learn whether a number has an account
   * (or whose it is) without already knowing the person. Any miss is one answer.
   */
  private async agentAccount(typed: string, name: string) {
    const kind = normalizeIdentifier(typed).kind;
    if (kind === 'username') throw new AppError('AGENT_IDENTIFIER_INVALID', { field: 'agent' });
    const { account } = await findAccountByIdentifier(this.deps.accounts, this.deps.cipher, typed);
    const usable = account && account.status === 'active' && meetsLevel(account.assuranceLevel, 'L2');
    // The name as registration stored it (half-width, NFC, one kind of middle dot, no spaces inside Han names).
    const typedName = validateName(name);
    if (!usable || !typedName.ok || this.deps.cipher.decrypt(account.nameCipher, PII_CONTEXT.name) !== typedName.value) {
      throw new AppError('AGENT_NOT_FOUND', { field: 'agent' });
    }
    return account;
  }

  /** Services an agent may be limited to: every enabled relying party but the platform's own (portal, console). */
  private async services(): Promise<ServiceRef[]> {
    const all = await this.deps.clients.listServices();
    return all.filter((client) => !isBuiltinClient(client.clientId)).map((client) => ({ id: client.clientId, name: client.clientName }));
  }

  private async view(grant: StoredAgentGrant, services: ServiceRef[]): Promise<AgentView> {
    const account = await this.deps.accounts.findById(grant.accountId);
    const name = account ? maskName(this.deps.cipher.decrypt(account.nameCipher, PII_CONTEXT.name)) : '';
    const idNumber = account ? maskIdNumber(this.deps.cipher.decrypt(account.idNumberCipher, PII_CONTEXT.idNumber)) : '';
    const byId = new Map(services.map((service) => [service.id, service]));
    return {
      id: grant.id,
      person: { name, idNumber },
      services: grant.services === null ? null : grant.services.map((id) => byId.get(id) ?? { id, name: id }),
      expiresAt: new Date(grant.expiresAt).toISOString(),
      grantedAt: new Date(grant.grantedAt).toISOString(),
      status: grant.expiresAt > this.now() ? 'active' : 'expired',
    };
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }
}
