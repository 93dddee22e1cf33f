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
  /** Enabled relying parties, id and registered name only (what an agent grant may name), by name. */
  listServices(): Promise<{ clientId: string; clientName: string }[]>;
}
