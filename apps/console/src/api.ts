import {
  CONSOLE_ACCESS_PATHS,
  CONSOLE_ACCOUNT_PATHS,
  CONSOLE_AUDIT_PATHS,
  CONSOLE_CLIENT_PATHS,
  CONSOLE_LOGIN_PATHS,
  type AdminAccountResponse,
  type AuditSearchResponse,
  type AuditSubjectResponse,
  type AuditVerifyResponse,
  type ClientDeletedResponse,
  type ClientSecretResponse,
  type ConsoleMeResponse,
  type ConsoleRole,
  type ConsoleRoleHoldersResponse,
  type FindAccountRequest,
  type GrantConsoleRoleResponse,
  type PlatformHealthResponse,
  type RelyingParty,
  type RelyingPartyListResponse,
  type RelyingPartyMetadata,
  type RelyingPartySavedResponse,
  type RedirectResponse,
  type RevokeConsoleRoleResponse,
  type SigningKeysRotatedResponse,
} from '@uia/schemas';
import { api } from '@uia/web';

/** A contract path with its `:name` parameter filled in. */
function withParam(path: string, name: string, value: string): string {
  return path.replace(`:${name}`, encodeURIComponent(value));
}

/** The audit search's query string (the filters the page has set, and the page to read). */
export type AuditQuery = Partial<Record<'from' | 'to' | 'type' | 'outcome' | 'actor' | 'account' | 'client' | 'ip' | 'before' | 'limit', string>>;

export function auditQueryString(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The console's API (packages/schemas console-*.ts): paths and types from the contract. */
export const consoleApi = {
  me: () => api.get<ConsoleMeResponse>(CONSOLE_ACCESS_PATHS.me),
  logout: () => api.post<RedirectResponse>(CONSOLE_LOGIN_PATHS.logout),

  // 系统管理员
  clients: () => api.get<RelyingPartyListResponse>(CONSOLE_CLIENT_PATHS.clients),
  registerClient: (metadata: RelyingPartyMetadata) => api.post<RelyingPartySavedResponse>(CONSOLE_CLIENT_PATHS.clients, metadata),
  updateClient: (clientId: string, metadata: RelyingPartyMetadata) => api.put<RelyingPartySavedResponse>(withParam(CONSOLE_CLIENT_PATHS.client, 'clientId', clientId), metadata),
  deleteClient: (clientId: string) => api.delete<ClientDeletedResponse>(withParam(CONSOLE_CLIENT_PATHS.client, 'clientId', clientId)),
  setClientEnabled: (clientId: string, enabled: boolean) => api.post<RelyingParty>(withParam(enabled ? CONSOLE_CLIENT_PATHS.enable : CONSOLE_CLIENT_PATHS.disable, 'clientId', clientId)),
  rotateClientSecret: (clientId: string) => api.post<ClientSecretResponse>(withParam(CONSOLE_CLIENT_PATHS.rotateSecret, 'clientId', clientId)),
  rotateSigningKeys: () => api.post<SigningKeysRotatedResponse>(CONSOLE_CLIENT_PATHS.rotateSigningKeys),
  health: () => api.get<PlatformHealthResponse>(CONSOLE_CLIENT_PATHS.health),

  // 安全管理员
  findAccount: (request: FindAccountRequest) => api.post<AdminAccountResponse>(CONSOLE_ACCOUNT_PATHS.find, request),
  account: (id: string) => api.get<AdminAccountResponse>(withParam(CONSOLE_ACCOUNT_PATHS.account, 'id', id)),
  accountAction: (action: 'unlock' | 'disable' | 'enable' | 'endSessions', id: string) => api.post<AdminAccountResponse>(withParam(CONSOLE_ACCOUNT_PATHS[action], 'id', id)),
  inPersonCheck: (id: string, reference: string) => api.post<AdminAccountResponse>(withParam(CONSOLE_ACCOUNT_PATHS.inPersonCheck, 'id', id), { reference }),
  roleHolders: () => api.get<ConsoleRoleHoldersResponse>(CONSOLE_ACCESS_PATHS.roles),
  grantRole: (identifier: string, role: ConsoleRole) => api.post<GrantConsoleRoleResponse>(CONSOLE_ACCESS_PATHS.roles, { identifier, role }),
  revokeRole: (accountId: string) => api.post<RevokeConsoleRoleResponse>(withParam(CONSOLE_ACCESS_PATHS.revokeRole, 'accountId', accountId)),

  // 审计管理员
  auditEvents: (query: AuditQuery) => api.get<AuditSearchResponse>(`${CONSOLE_AUDIT_PATHS.events}${auditQueryString(query)}`),
  auditCsvUrl: (query: AuditQuery) => `${CONSOLE_AUDIT_PATHS.csv}${auditQueryString(query)}`,
  verifyAudit: () => api.post<AuditVerifyResponse>(CONSOLE_AUDIT_PATHS.verify),
  auditSubject: (request: FindAccountRequest) => api.post<AuditSubjectResponse>(CONSOLE_AUDIT_PATHS.subject, request),
};
