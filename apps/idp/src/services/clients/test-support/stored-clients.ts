import type { ClientChanges, ClientRecord, ClientRepository } from '../../../ports/client-repository.ts';

/** For the clients services' tests: the registrations as the database holds them, counting reads. */
export class StoredClients implements ClientRepository {
  readonly rows = new Map<string, ClientRecord>();
  reads = 0;
  failNext = false;
  async find(clientId: string) {
    this.reads += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unavailable');
    }
    return this.rows.get(clientId) ?? null;
  }
  async upsert(client: ClientRecord) {
    this.rows.set(client.clientId, client);
  }
  async change(clientId: string, changes: ClientChanges) {
    const stored = this.rows.get(clientId);
    if (stored) this.rows.set(clientId, { ...stored, ...changes });
    return stored !== undefined;
  }
  async listServices() {
    return [];
  }
  async list() {
    return [...this.rows.values()];
  }
  async delete(clientId: string) {
    return this.rows.delete(clientId);
  }
}
