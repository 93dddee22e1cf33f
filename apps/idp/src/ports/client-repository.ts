/** A relying party as oidc-provider reads it (metadata in its snake_case names). */
export interface ClientRecord {
  clientId: string;
  clientName: string;
  clientSecret: string | null;
  metadata: Record<string, unknown>;
  enabled: boolean;
}

/** What an edit of a registration changes; the fields left out keep what is stored. */
export type ClientChanges = Partial<Omit<ClientRecord, 'clientId'>>;

export interface ClientRepository {
  find(clientId: string): Promise<ClientRecord | null>;
  upsert(client: ClientRecord): Promise<void>;
  /**
   * Writes only the given fields of an existing registration (an edit made meanwhile to the others stays);
   * false when there is none (deleted meanwhile: it is not created again).
   */
  change(clientId: string, changes: ClientChanges): Promise<boolean>;
  /** Every registration, enabled or not, by name; without secrets (the registry's list). */
  list(): Promise<Omit<ClientRecord, 'clientSecret'>[]>;
  /** Removes a registration; false when there was none. */
  delete(clientId: string): Promise<boolean>;
  /** Enabled relying parties, id and registered name only (what an agent grant may name), by name. */
  listServices(): Promise<{ clientId: string; clientName: string }[]>;
}
