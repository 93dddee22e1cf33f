import type { IdType } from '@uia/validators';
import type { AccountRepository } from '../ports/account-repository.ts';
import type { ClientRepository } from '../ports/client-repository.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import { newAccountRecord } from '../services/accounts/new-account.ts';
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

/**
 * Idempotent: runs at every demo start, creating what is missing. The demo client is upserted
 * (its metadata rewritten) every time, so an existing data directory picks up new registration
 * fields such as the back-channel logout URI.
 */
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
      // OpenID Connect Back-Channel Logout: the platform tells the portal when a session ends.
      backchannel_logout_uri: `${deps.relyingPartyUrl}/backchannel-logout`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid offline_access profile phone id_card',
    },
  });

  if (await accounts.findByUsername(DEMO_ACCOUNT.username)) return;
  await accounts.create(
    newAccountRecord(cipher, { ...DEMO_ACCOUNT, passwordHash: await deps.hasher.hash(DEMO_ACCOUNT.password), assuranceLevel: 'L2' }),
  );
}
