import type Provider from 'oidc-provider';
import type { AuditLog } from '../ports/audit-log.ts';
import { SUPPORTED_SCOPES } from './provider.ts';
import { AUDIT_EVENT_TYPES } from '../services/audit-event-types.ts';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * What the service will receive: the scopes of the request. oidc-provider has
 * already refused scopes outside the client's registration and dropped
 * `offline_access` where OIDC Core does not allow it, so nothing here widens them.
 */
export function consentScopes(interaction: Interaction): string[] {
  const requested = typeof interaction.params.scope === 'string' ? interaction.params.scope.split(' ') : [];
  return SUPPORTED_SCOPES.filter((scope) => requested.includes(scope));
}

/**
 * The person's 同意 / 取消 on the consent page of a relying party that sent
 * `prompt=consent`. Both are authentication decisions, so both are audited.
 */
export class ConsentDecisions {
  constructor(private readonly deps: { provider: Provider; audit: AuditLog }) {}

  /** 同意: the service's grant (kept per service, for its later single sign-on) holds the shown scopes. Returns the grant id. */
  async approve(interaction: Interaction, context: { ip: string; userAgent?: string }): Promise<string> {
    const { Grant } = this.deps.provider;
    const accountId = interaction.session!.accountId;
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await Grant.find(interaction.grantId) : undefined;
    // The session's grant for this service, if it is still this person's (else a fresh one).
    const grant = existing && existing.accountId === accountId && existing.clientId === clientId ? existing : new Grant({ accountId, clientId });
    const scopes = consentScopes(interaction);
    grant.addOIDCScope(scopes.join(' '));
    const grantId = await grant.save();
    await this.record('success', interaction, context, scopes);
    return grantId;
  }

  /** 取消: the service gets `access_denied`; its grant stays as it was. */
  async deny(interaction: Interaction, context: { ip: string; userAgent?: string }): Promise<void> {
    await this.record('failure', interaction, context, consentScopes(interaction));
  }

  private record(outcome: 'success' | 'failure', interaction: Interaction, context: { ip: string; userAgent?: string }, scopes: string[]) {
    return this.deps.audit.append({
      type: AUDIT_EVENT_TYPES.oidcConsent,
      outcome,
      accountId: interaction.session?.accountId ?? null,
      clientId: String(interaction.params.client_id),
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      detail: { scopes: scopes.join(' '), ...(outcome === 'failure' ? { reason: 'CONSENT_DENIED' } : {}) },
    });
  }
}
