import { qrPageUrl, type LoginType } from '@uia/schemas';
import { maskName } from '@uia/validators';
import { AppError } from '../../errors.ts';
import type { AccountRepository, AssuranceLevel } from '../../ports/account-repository.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { IpLocator } from '../../ports/ip-locator.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { PubSub } from '../../ports/pub-sub.ts';
import { loginAssurance, PII_CONTEXT } from '../accounts/account-profile.ts';
import type { AppSessionAuthenticator, AppSessionView } from '../app-sessions/app-session.ts';
import type { PiiCipher } from '../personal-data/pii-cipher.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import { auditedStep } from '../audited-step.ts';
import { entityAccountId } from '../entities/acting-principal.ts';
import type { EntityMembership } from '../entities/entity-membership.ts';
import type { LoginThrottle, ThrottleContext } from '../password-login/login-throttle.ts';
import { describeRequester } from './describe-requester.ts';
import { qrImageDataUrl } from './qr-image.ts';
import { QR_LOGIN_POLICY } from './qr-login-policy.ts';
import { newQrId, type QrLoginRecord, type QrLoginResult } from './qr-login-record.ts';
import { QrLoginRecords } from './qr-login-records.ts';
import { cancelled, confirmed, scanned, superseded, used } from './qr-transitions.ts';
import { QrWatch, type QrStatusListener } from './qr-watch.ts';
import { AUDIT_EVENT_TYPES } from '../audit-event-types.ts';

export type { QrStatusListener } from './qr-watch.ts';
export type { QrWatch } from './qr-watch.ts';
export type { QrLoginResult, QrStreamEvent, QrStreamStatus } from './qr-login-record.ts';

export interface QrLoginContext {
  ip: string;
  userAgent?: string;
}

/** The login interaction a QR is made for. */
export interface QrInteraction {
  uid: string;
  clientId: string;
  clientName: string;
  requiredAcr: AssuranceLevel | null;
  /** The request's `max_age` in seconds, or null. */
  maxAge: number | null;
  /** The request asked `prompt=login` (a fresh login). */
  promptLogin: boolean;
  /** 法人登录: the person picks the entity to act for when confirming. */
  loginType: LoginType;
  /** The relying party requires two login factors (`uia_require_two_factors`): only an app login by face counts, with the phone's confirmation. */
  twoFactors: boolean;
}

/** What a completed QR hands to oidc-provider: the login (its account the person, or the person acting for an entity) and when it happened (确认登录, epoch ms). */
export interface QrCompletion {
  login: { accountId: string; acr: AssuranceLevel; amr: string[] };
  authTime: number;
}

/** RFC 8176 `mca`: the login was confirmed on a second device (the phone). */
const CONFIRMED_ON_PHONE = 'mca';

/**
 * 扫码登录 (DESIGN.md §2.1): the PC shows a QR of its login interaction, the
 * logged-in app scans it (the QR then belongs to that person), shows who
 * asks and confirms or cancels; the browser that showed the QR follows the
 * status (`watch`) and collects the login, once (`complete`). State lives
 * in the key-value store and changes by compare-and-set (QrLoginRecords),
 * so any node may serve any step; the rules are in qr-transitions.ts.
 */
export class QrLogin {
  private readonly records: QrLoginRecords;

  constructor(
    private readonly deps: {
      store: KeyValueStore;
      pubSub: PubSub;
      accounts: AccountRepository;
      /** The scanner's name, masked, for the PC. */
      cipher: PiiCipher;
      /** The confirming app session must still be live when the browser completes. */
      appSessions: AppSessionAuthenticator;
      /** 法人登录: who may act for which entity, checked at confirmation and again at completion. */
      membership: EntityMembership;
      ipLocator: IpLocator;
      rateLimiter: RateLimiter;
      /** A completed QR login makes the PC browser a trusted device and lifts a pause of password login. */
      throttle: Pick<LoginThrottle, 'ownerLoggedIn'>;
      audit: AuditLog;
      /** The QR encodes `${publicUrl}/app/qr/<id>`, so a phone's own camera opens the confirm page. */
      publicUrl: string;
      now?: () => number;
    },
  ) {
    this.records = new QrLoginRecords(deps.store, deps.pubSub, () => this.now());
  }

  /**
   * A new QR for the interaction (every call, 刷新 included, makes a new one);
   * the interaction's previous QR is expired then, so only the one on screen works.
   */
  async create(interaction: QrInteraction, context: QrLoginContext) {
    await this.deps.rateLimiter.hit(QR_LOGIN_POLICY.createPerIp, context.ip);
    const now = this.now();
    const record: QrLoginRecord = {
      id: newQrId(),
      interactionUid: interaction.uid,
      clientId: interaction.clientId,
      clientName: interaction.clientName,
      requiredAcr: interaction.requiredAcr,
      maxAge: interaction.maxAge,
      promptLogin: interaction.promptLogin,
      requester: await describeRequester(this.deps.ipLocator, context),
      loginType: interaction.loginType,
      twoFactors: interaction.twoFactors,
      status: 'pending',
      requestedAt: now,
      expiresAt: now + QR_LOGIN_POLICY.qrSeconds * 1000,
      scannedBy: null,
      login: null,
      completeBy: null,
      confirmedAt: null,
    };
    const previous = await this.records.create(record);
    if (previous) await this.expire(previous);
    const qrUrl = qrPageUrl(this.deps.publicUrl, record.id);
    return { id: record.id, qrUrl, image: await qrImageDataUrl(qrUrl), expiresIn: QR_LOGIN_POLICY.qrSeconds };
  }

  /** Follows the QR's status for the browser of `interactionUid` (see QrWatch). */
  watch(id: string, interactionUid: string, listener: QrStatusListener): Promise<QrWatch> {
    return QrWatch.start(this.records, id, interactionUid, listener, () => this.now());
  }

  /**
   * 扫一扫 in the app: binds the QR to the session's person and tells the phone
   * who asks; for 法人登录 also the entities the person may act for at that service.
   */
  async scan(id: string, session: AppSessionView, context: QrLoginContext) {
    const record = await this.step(AUDIT_EVENT_TYPES.qrLoginScan, context, session.accountId, async () => {
      const person = await this.maskedName(session.accountId);
      return this.records.update(id, (current) => scanned(current, session, person));
    });
    const answer = {
      client: { name: record.clientName },
      requester: record.requester,
      requestedAt: new Date(record.requestedAt).toISOString(),
      expiresIn: Math.max(0, Math.ceil((record.expiresAt - this.now()) / 1000)),
    };
    if (record.loginType !== 'entity') return answer;
    const standings = await this.deps.membership.entitiesOf(session.accountId, this.now(), record.clientId);
    const entities = standings.map(({ entity, role }) => ({ id: entity.id, uscc: entity.uscc, name: entity.name, role }));
    return { ...answer, loginType: 'entity' as const, entities };
  }

  /**
   * 确认登录: the login is the session's person at the lower of their level
   * and what the app login proved, with the app's methods plus `mca`.
   */
  async confirm(id: string, session: AppSessionView, context: QrLoginContext, choice: { entityId?: string | undefined } = {}) {
    await this.step(AUDIT_EVENT_TYPES.qrLoginConfirm, context, session.accountId, async () => {
      const account = await this.deps.accounts.findById(session.accountId);
      if (!account || account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      const login: QrLoginResult = {
        accountId: account.id,
        acr: loginAssurance(account.assuranceLevel, session.acr),
        amr: [...new Set([...session.amr, CONFIRMED_ON_PHONE])],
      };
      // The QR's own state first: an expired QR or one scanned by another session is told so, without entity look-ups.
      return this.records.update(id, async (current) => {
        const next = confirmed(current, session, login, this.now());
        return next && { ...next, login: { ...login, ...(await this.chosenEntity(current, account.id, choice.entityId)) } };
      });
    });
    return { status: 'confirmed' as const };
  }

  /** 取消 in the app. */
  async cancel(id: string, session: AppSessionView, context: QrLoginContext) {
    await this.step(AUDIT_EVENT_TYPES.qrLoginCancel, context, session.accountId, () => this.records.update(id, (current) => cancelled(current, session)));
    return { status: 'cancelled' as const };
  }

  /**
   * The browser of `interactionUid` collects the confirmed login; the QR is
   * then used. Only the interaction's current QR (刷新 kills the older ones),
   * and only while the confirming app session is live and the account active
   * (a password reset or 退出登录 since the confirmation voids it: QR_EXPIRED).
   */
  async complete(id: string, interactionUid: string, context: ThrottleContext): Promise<QrCompletion> {
    const record = await this.step(AUDIT_EVENT_TYPES.loginQr, context, null, async () => {
      const current = await this.records.read(id);
      // Decides the errors of a QR that is not confirmed (or not this interaction's) before anything else.
      if (current) used(current, interactionUid);
      if (!current || !(await this.records.isCurrent(id, interactionUid)) || !(await this.confirmationStands(current))) {
        if (current) await this.expire(id);
        throw new AppError('QR_EXPIRED');
      }
      // 法人登录: the grant may have been revoked (or run out) since 确认登录.
      const { entityId, accountId } = current.login!;
      if (entityId) await this.deps.membership.standing(entityId, accountId, current.clientId, this.now());
      return this.records.update(id, (latest) => used(latest, interactionUid));
    });
    const { accountId, acr, amr, entityId } = record.login!;
    await this.deps.throttle.ownerLoggedIn(accountId, 'qr', context);
    return { login: { accountId: entityId ? entityAccountId(entityId, accountId) : accountId, acr, amr }, authTime: record.confirmedAt ?? this.now() };
  }

  /**
   * The entity of a 法人登录 QR's confirmation: one the person may act for at
   * the QR's service (else the reason they may not). Nothing for a personal QR.
   */
  private async chosenEntity(record: QrLoginRecord, personId: string, entityId: string | undefined): Promise<{ entityId?: string }> {
    if (record.loginType !== 'entity') return {};
    if (!entityId) throw new AppError('ENTITY_CHOICE_REQUIRED', { field: 'entityId' });
    await this.deps.membership.standingAtLogin(entityId, personId, record.clientId, this.now());
    return { entityId };
  }

  /** The confirming app session is still live and its person's account still active. */
  private async confirmationStands(record: QrLoginRecord) {
    const by = record.scannedBy;
    if (!by || !record.login) return false;
    if (!(await this.deps.appSessions.isLive(by.appSessionId, by.accountId))) return false;
    const account = await this.deps.accounts.findById(record.login.accountId);
    return account?.status === 'active';
  }

  /** Moves a QR that can no longer be used to expired (announced to its watchers). */
  private async expire(id: string) {
    await this.records.update(id, superseded).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'QR_EXPIRED')) throw error;
    });
  }

  private async maskedName(accountId: string) {
    const account = await this.deps.accounts.findById(accountId);
    return account ? maskName(this.deps.cipher.decrypt(account.nameCipher, PII_CONTEXT.name)) : '';
  }

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  /** One audited step (audited-step.ts): who, for which service, and what a confirmed login proves. */
  private step(type: string, context: QrLoginContext, accountId: string | null, run: () => Promise<QrLoginRecord>) {
    return auditedStep(this.deps.audit, { type, ...context }, async (note) => {
      note.accountId = accountId;
      const record = await run();
      note.accountId ??= record.login?.accountId ?? null;
      note.detail = {
        clientId: record.clientId,
        ...(record.login ? { acr: record.login.acr, amr: record.login.amr.join(' ') } : {}),
        ...(record.login?.entityId ? { entityId: record.login.entityId } : {}),
      };
      return record;
    });
  }
}
