import { randomUUID } from 'node:crypto';
import type { IdType } from '@uia/validators';
import type { AccountRepository } from '../ports/account-repository.ts';
import type { ClientRepository } from '../ports/client-repository.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import { PII_CONTEXT } from '../services/accounts/account-profile.ts';
import { idNumberIndex, phoneIndex } from '../services/accounts/account-lookup.ts';
import type { PiiCipher } from '../services/personal-data/pii-cipher.ts';

/** People the simulated identity registry knows (docs/demo.md). Fictional; the ID numbers are public test vectors. */
export const DEMO_CITIZENS: { name: string; idType: IdType; idNumber: string }[] = [
  { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
  { name: '李四', idType: 'resident_id', idNumber: '34052419800101001X' },
  { name: '陈小明', idType: 'hmt_residence_permit', idNumber: '810000199408230021' },
];

export const DEMO_ACCOUNT = {
  name: '张三',
  username: 'zhangsan',
  phone: '13800000001',
  idType: 'resident_id' as IdType,
  idNumber: '11010519491231002X',
  password: 'Demo@2026pw',
};

export const DEMO_CLIENT = {
  clientId: 'edu-portal',
  clientName: '义务教育入学服务平台（演示）',
  clientSecret: 'edu-portal-demo-secret',
};

/** Idempotent: runs at every demo start, creating what is missing. */
export async function seedDemoData(deps: {
  accounts: AccountRepository;
  clients: ClientRepository;
  cipher: PiiCipher;
  hasher: PasswordHasher;
  relyingPartyUrl: string;
}) {
  const { accounts, clients, cipher } = deps;
  await clients.upsert({
    clientId: DEMO_CLIENT.clientId,
    clientName: DEMO_CLIENT.clientName,
    clientSecret: DEMO_CLIENT.clientSecret,
    enabled: true,
    metadata: {
      redirect_uris: [`${deps.relyingPartyUrl}/callback`],
      post_logout_redirect_uris: [`${deps.relyingPartyUrl}/`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid offline_access profile phone id_card',
    },
  });

  if (await accounts.findByUsername(DEMO_ACCOUNT.username)) return;
  const now = Date.now();
  await accounts.create({
    id: randomUUID(),
    username: DEMO_ACCOUNT.username,
    passwordHash: await deps.hasher.hash(DEMO_ACCOUNT.password),
    nameCipher: cipher.encrypt(DEMO_ACCOUNT.name, PII_CONTEXT.name),
    idType: DEMO_ACCOUNT.idType,
    idNumberCipher: cipher.encrypt(DEMO_ACCOUNT.idNumber, PII_CONTEXT.idNumber),
    idNumberIndex: idNumberIndex(cipher, DEMO_ACCOUNT.idType, DEMO_ACCOUNT.idNumber),
    phoneCipher: cipher.encrypt(DEMO_ACCOUNT.phone, PII_CONTEXT.phone),
    phoneIndex: phoneIndex(cipher, DEMO_ACCOUNT.phone),
    assuranceLevel: 'L2',
    status: 'active',
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  });
}
