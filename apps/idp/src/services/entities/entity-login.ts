import type { EntityLoginRequest } from '@uia/schemas';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import { auditedStep } from '../audited-step.ts';
import type { LoginContext, LoginResult, PasswordLogin } from '../password-login/index.ts';
import { entityAccountId } from './acting-principal.ts';
import { EntityMembership } from './entity-membership.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export interface EntityLoginContext extends LoginContext {
  /** The relying party requested the `entity` scope: it can receive an entity login. */
  entityLoginAllowed: boolean;
}

/**
 * 法人登录 by account: the acting person logs in exactly as 账号登录 (captcha,
 * login throttle, limits), then must be the entity's legal representative or a
 * current agent for this service. The login is the person acting for the
 * entity (acting-principal.ts); its level and methods are the person's login.
 */
export class EntityLogin {
  constructor(
    private readonly deps: {
      passwordLogin: PasswordLogin;
      membership: EntityMembership;
      audit: AuditLog;
      now?: () => number;
    },
  ) {}

  async login(input: EntityLoginRequest, context: EntityLoginContext): Promise<LoginResult> {
    this.deps.membership.requireEntityServices();
    if (!context.entityLoginAllowed) throw new AppError('ENTITY_LOGIN_NOT_SUPPORTED');
    EntityMembership.parseReference(input.entity);
    const person = await this.deps.passwordLogin.login(input, context);
    return auditedStep(this.deps.audit, { type: AUDIT_EVENT_TYPES.loginEntity, ip: context.ip, userAgent: context.userAgent }, async (note) => {
      note.accountId = person.accountId;
      note.detail = { clientId: context.clientId ?? null, method: 'password' };
      const entity = await this.deps.membership.resolve(input.entity);
      note.detail.entityId = entity.id;
      const standing = await this.deps.membership.standingAtLogin(entity.id, person.accountId, context.clientId ?? null, (this.deps.now ?? Date.now)());
      note.detail.role = standing.role;
      return { ...person, accountId: entityAccountId(entity.id, person.accountId) };
    });
  }
}
