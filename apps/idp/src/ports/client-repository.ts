/** A relying party as oidc-provider reads it (metadata in its snake_case names). */
export interface ClientRecord {
  clientId: string;
  clientName: string;
  clientSecret: string | null;
  metadata: Record<string, unknown>;
  enabled: boolean;
}

export interface ClientRepository {
  find(clientId: string): Promise<ClientRecord | null>;
  upsert(client: ClientRecord): Promise<void>;
  /** Every registration, enabled or not, by name; without secrets (the registry's list). */
  list(): Promise<Omit<ClientRecord, 'clientSecret'>[]>;
  /** Removes a registration; false when there was none. */
  delete(clientId: string): Promise<boolean>;
  /** Enabled relying parties, id and registered name only (what an agent grant may name), by name. */
  listServices(): Promise<{ clientId: string; clientName: string }[]>;
}
