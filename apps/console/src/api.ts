import {
  CONSOLE_ACCESS_PATHS,
  CONSOLE_ACCOUNT_PATHS,
  CONSOLE_AUDIT_PATHS,
  CONSOLE_CLIENT_PATHS,
  CONSOLE_LOGIN_PATHS,
  pathOf,
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
  type RedirectResponse,
  type RelyingParty,
  type RelyingPartyListResponse,
  type RelyingPartyMetadata,
  type RelyingPartySavedResponse,
  type RevokeConsoleRoleResponse,
  type SigningKeysRotatedResponse,
} from '@uia/schemas';
import { api } from '@uia/web';

/** What the account actions answer: the account's view after the action. */
type AccountAction = 'unlock' | 'disable' | 'enable' | 'endSessions';

/** Every console API call the pages make (paths and types from @uia/schemas). */
export const consoleApi = {
  me: () => api.get<ConsoleMeResponse>(CONSOLE_ACCESS_PATHS.me),
  logout: () => api.post<RedirectResponse>(CONSOLE_LOGIN_PATHS.logout),

  clients: () => api.get<RelyingPartyListResponse>(CONSOLE_CLIENT_PATHS.clients),
  registerClient: (metadata: RelyingPartyMetadata) => api.post<RelyingPartySavedResponse>(CONSOLE_CLIENT_PATHS.clients, metadata),
  updateClient: (clientId: string, metadata: RelyingPartyMetadata) => api.put<RelyingPartySavedResponse>(pathOf(CONSOLE_CLIENT_PATHS.client, { clientId }), metadata),
  deleteClient: (clientId: string) => api.delete<ClientDeletedResponse>(pathOf(CONSOLE_CLIENT_PATHS.client, { clientId })),
  setClientEnabled: (clientId: string, enabled: boolean) => api.post<RelyingParty>(pathOf(enabled ? CONSOLE_CLIENT_PATHS.enable : CONSOLE_CLIENT_PATHS.disable, { clientId })),
  rotateClientSecret: (clientId: string) => api.post<ClientSecretResponse>(pathOf(CONSOLE_CLIENT_PATHS.rotateSecret, { clientId })),
  rotateSigningKeys: () => api.post<SigningKeysRotatedResponse>(CONSOLE_CLIENT_PATHS.rotateSigningKeys),
  health: () => api.get<PlatformHealthResponse>(CONSOLE_CLIENT_PATHS.health),

  findAccount: (request: FindAccountRequest) => api.post<AdminAccountResponse>(CONSOLE_ACCOUNT_PATHS.find, request),
  accountAction: (id: string, action: AccountAction) => api.post<AdminAccountResponse>(pathOf(CONSOLE_ACCOUNT_PATHS[action], { id })),
  inPersonCheck: (id: string, reference: string) => api.post<AdminAccountResponse>(pathOf(CONSOLE_ACCOUNT_PATHS.inPersonCheck, { id }), { reference }),

  roleHolders: () => api.get<ConsoleRoleHoldersResponse>(CONSOLE_ACCESS_PATHS.roles),
  grantRole: (identifier: string, role: ConsoleRole) => api.post<GrantConsoleRoleResponse>(CONSOLE_ACCESS_PATHS.roles, { identifier, role }),
  revokeRole: (accountId: string) => api.post<RevokeConsoleRoleResponse>(pathOf(CONSOLE_ACCESS_PATHS.revokeRole, { accountId })),

  auditEvents: (query: URLSearchParams) => api.get<AuditSearchResponse>(`${CONSOLE_AUDIT_PATHS.events}?${query.toString()}`),
  verifyAudit: () => api.post<AuditVerifyResponse>(CONSOLE_AUDIT_PATHS.verify),
  auditSubject: (request: FindAccountRequest) => api.post<AuditSubjectResponse>(CONSOLE_AUDIT_PATHS.subject, request),
};
