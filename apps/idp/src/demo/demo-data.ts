import { randomUUID } from 'node:crypto';
import type { ConsoleRole } from '@uia/schemas';
import type { IdType } from '@uia/validators';
import type { AccountRepository } from '../ports/account-repository.ts';
import type { SeededEntity } from '../adapters/business-registry/simulated-business-registry.ts';
import type { ClientRepository } from '../ports/client-repository.ts';
import type { ConsoleRoleRepository } from '../ports/console-role-repository.ts';
import type { EntityRepository } from '../ports/entity-repository.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import { newAccountRecord } from '../services/accounts/new-account.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';

/** People the simulated identity registry knows (docs/demo.md). Fictional; the ID numbers are public test vectors. */
export const DEMO_CITIZENS: { name: string; idType: IdType; idNumber: string }[] = [
  { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
  { name: '李四', idType: 'resident_id', idNumber: '34052419800101001X' },
  { name: '陈小明', idType: 'hmt_residence_permit', idNumber: '810000199408230021' },
  { name: '王五', idType: 'resident_id', idNumber: '110108198506120033' },
  // The console's three administrators (DEMO_ADMINISTRATORS); made up, valid under GB 11643.
  { name: '周建国', idType: 'resident_id', idNumber: '110101198003150033' },
  { name: '吴安平', idType: 'resident_id', idNumber: '110102198207200043' },
  { name: '郑审言', idType: 'resident_id', idNumber: '110106198509110057' },
];

export const DEMO_ACCOUNT = {
  name: '张三',
  username: 'zhangsan',
  phone: '13800000001',
  idType: 'resident_id' as IdType,
  idNumber: '11010519491231002X',
  password: 'Demo@2026pw',
};

/** A second demo person with an account: the one 张三 can make an agent (经办人) of his company. */
export const DEMO_AGENT_ACCOUNT = {
  name: '王五',
  username: 'wangwu',
  phone: '13800000003',
  idType: 'resident_id' as IdType,
  idNumber: '110108198506120033',
  password: 'Demo@2026pw',
};

/** 三员分立 in the demo: one real-name person per console role, each logging in with password + SMS code (docs/demo.md). */
export const DEMO_ADMINISTRATORS: readonly (typeof DEMO_ACCOUNT & { role: ConsoleRole })[] = [
  { role: 'system', name: '周建国', username: 'sysadmin', phone: '13800000011', idType: 'resident_id', idNumber: '110101198003150033', password: 'Demo@2026pw' },
  { role: 'security', name: '吴安平', username: 'secadmin', phone: '13800000012', idType: 'resident_id', idNumber: '110102198207200043', password: 'Demo@2026pw' },
  { role: 'audit', name: '郑审言', username: 'auditadmin', phone: '13800000013', idType: 'resident_id', idNumber: '110106198509110057', password: 'Demo@2026pw' },
];

/**
 * Entities the simulated business registry knows (docs/demo.md). Fictional; the
 * USCCs are made up but valid under GB 32100. The first is registered on the
 * platform at every demo start with 张三 as its legal representative; the
 * second can be registered by 张三 in the user center (注册单位); the third's
 * legal representative is 李四, so 张三 registering it is refused.
 */
export const DEMO_REGISTERED_ENTITIES: readonly SeededEntity[] = [
  { uscc: '91110105MA01XH3R44', name: '北京演示科技有限公司', legalRepresentative: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' } },
  { uscc: '91110108MA02PL8K7Q', name: '北京演示教育咨询有限公司', legalRepresentative: { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' } },
  { uscc: '91310115MA03TD5W7R', name: '上海演示贸易有限公司', legalRepresentative: { name: '李四', idType: 'resident_id', idNumber: '34052419800101001X' } },
];

/** The demo entity on the platform from the start: 法人登录 with 统一社会信用代码 or this 单位账号. */
export const DEMO_ENTITY = { uscc: '91110105MA01XH3R44', name: '北京演示科技有限公司', accountName: 'demotech' };

export const DEMO_CLIENT = {
  clientId: 'edu-portal',
  clientName: '义务教育入学服务平台（演示）',
  clientSecret: 'edu-portal-demo-secret',
};

/**
 * Idempotent: runs at every demo start, creating what is missing. The demo client is upserted
 * (its metadata rewritten) every time, so an existing data directory picks up new registration
 * fields such as the back-channel logout URI.
 */
export async function seedDemoData(deps: {
  accounts: AccountRepository;
  clients: ClientRepository;
  entities: EntityRepository;
  consoleRoles: ConsoleRoleRepository;
  cipher: PiiCipher;
  hasher: PasswordHasher;
  relyingPartyUrl: string;
  now: () => number;
}) {
  const { clients } = deps;
  await clients.upsert({
    clientId: DEMO_CLIENT.clientId,
    clientName: DEMO_CLIENT.clientName,
    clientSecret: DEMO_CLIENT.clientSecret,
    enabled: true,
    metadata: {
      redirect_uris: [`${deps.relyingPartyUrl}/callback`],
      post_logout_redirect_uris: [`${deps.relyingPartyUrl}/`],
      // OpenID Connect Back-Channel Logout: the platform tells the portal when a session ends.
      backchannel_logout_uri: `${deps.relyingPartyUrl}/backchannel-logout`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid offline_access profile phone id_card entity',
    },
  });

  const representative = await seedAccount(deps, DEMO_ACCOUNT);
  await seedAccount(deps, DEMO_AGENT_ACCOUNT);
  if (!(await deps.entities.findByUscc(DEMO_ENTITY.uscc))) {
    const now = Date.now();
    await deps.entities.create({ id: randomUUID(), ...DEMO_ENTITY, legalRepAccountId: representative, createdAt: now, updatedAt: now });
  }
  for (const { role, ...person } of DEMO_ADMINISTRATORS) {
    // Granted once, with the account: a role the demo's security administrator revoked stays revoked.
    if (await deps.accounts.findByUsername(person.username)) continue;
    const accountId = await seedAccount(deps, person);
    await deps.consoleRoles.insert({ accountId, role, grantedBy: null, grantedAt: deps.now() });
  }
}

/** The account's id, creating it first when it is missing. */
async function seedAccount(deps: Parameters<typeof seedDemoData>[0], person: typeof DEMO_ACCOUNT): Promise<string> {
  const existing = await deps.accounts.findByUsername(person.username);
  if (existing) return existing.id;
  const record = newAccountRecord(deps.cipher, { ...person, passwordHash: await deps.hasher.hash(person.password), assuranceLevel: 'L2' });
  await deps.accounts.create(record);
  return record.id;
}
