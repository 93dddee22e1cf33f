/** Kysely table types; the same tables on SQLite and PostgreSQL. Times are epoch milliseconds. */
export interface AccountsTable {
  id: string;
  username: string | null;
  password_hash: string | null;
  name_cipher: string;
  id_type: string;
  id_number_cipher: string;
  id_number_index: string;
  phone_cipher: string | null;
  phone_index: string | null;
  assurance_level: string;
  status: string;
  credentials_changed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PasswordHistoryTable {
  account_id: string;
  password_hash: string;
  created_at: number;
}

export interface ClientsTable {
  client_id: string;
  client_name: string;
  secret_cipher: string | null;
  metadata: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface OidcModelsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  account_id: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

export interface AuditEventsTable {
  id: string;
  at: number;
  type: string;
  outcome: string;
  account_id: string | null;
  client_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
  seq: number;
  prev_hash: string;
  hash: string;
  actor_account_id: string | null;
  actor_role: string | null;
  target: string | null;
  changes: string | null;
}

/** The newest link of the audit chain; every append locks and moves it. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
}

/** Signed by the archiver: events up to `seq` (the last with hash `hash`) moved to an archive file. */
export type AuditAnchorsTable = AuditCheckpointsTable;

/** A signed statement that the chain's event `seq` had hash `hash`. */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: number;
  jws: string;
}

export interface ConsoleRolesTable {
  account_id: string;
  role: string;
  granted_by: string | null;
  granted_at: number;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  private_jwk_cipher: string;
  created_at: number;
}

export interface AppSessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  acr: string;
  /** JSON array of RFC 8176 method names. */
  amr: string;
  device: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface EntitiesTable {
  id: string;
  uscc: string;
  name: string;
  account_name: string | null;
  legal_rep_account_id: string;
  created_at: number;
  updated_at: number;
}

export interface EntityAgentsTable {
  id: string;
  entity_id: string;
  account_id: string;
  /** JSON array of client ids; null = all business. */
  services: string | null;
  expires_at: number;
  granted_by: string;
  granted_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface Database {
  accounts: AccountsTable;
  password_history: PasswordHistoryTable;
  clients: ClientsTable;
  oidc_models: OidcModelsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_anchors: AuditAnchorsTable;
  signing_keys: SigningKeysTable;
  app_sessions: AppSessionsTable;
  entities: EntitiesTable;
  entity_agents: EntityAgentsTable;
  console_roles: ConsoleRolesTable;
}
