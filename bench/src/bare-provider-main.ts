import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../../apps/idp/src/adapters/sql/database.ts';
import { SqlOidcModelStore } from '../../apps/idp/src/adapters/sql/sql-oidc-model-store.ts';
import { MemoryKeyValueStore } from '../../apps/idp/src/adapters/key-value/memory-key-value-store.ts';
import { createOidcAdapterFactory } from '../../apps/idp/src/oidc/oidc-adapter.ts';
import { RequestLookAhead } from '../../apps/idp/src/oidc/request-look-ahead.ts';
import type { ClientRepository } from '../../apps/idp/src/ports/client-repository.ts';
import { startBareProvider, type AdapterChoice } from './bare-provider.ts';
import type { RelyingParty } from './login-flow.ts';

/**
 * The bare provider as its own process (the bench reads its CPU time from /proc, as the platform's): PORT, BENCH_RP (JSON).
 * BENCH_BARE_STORAGE=platform: its models in the platform's demo storage instead of memory (Session, Grant and
 * RefreshToken in SQLite, the rest in the in-process store, through the platform's own adapter), so the bench can
 * tell what durable storage costs a grant from what the rest of the platform adds.
 */
let dataDir: string | null = null;

async function platformStorage(): Promise<AdapterChoice> {
  dataDir = mkdtempSync(join(tmpdir(), 'uia-bench-bare-'));
  const database = openDatabase({ dataDir });
  await migrateToLatest(database.db);
  // Its one client is static configuration: oidc-provider never asks an adapter for it.
  const noClients = { find: () => Promise.resolve(null) } as unknown as ClientRepository;
  // Its accounts are not in the platform's table: a token's look-up finds none to read along (its findAccount reads none).
  const models = new SqlOidcModelStore(database.db, database.dialect);
  return createOidcAdapterFactory({ store: new MemoryKeyValueStore(), models, clients: noClients }, () => Promise.resolve(), new RequestLookAhead(() => undefined));
}

const adapter = process.env.BENCH_BARE_STORAGE === 'platform' ? await platformStorage() : undefined;
await startBareProvider(Number(process.env.PORT), JSON.parse(process.env.BENCH_RP!) as RelyingParty, adapter);
process.on('SIGTERM', () => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
