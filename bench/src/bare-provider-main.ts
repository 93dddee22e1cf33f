import { startBareProvider } from './bare-provider.ts';
import type { RelyingParty } from './login-flow.ts';

/** The bare provider as its own process (the bench reads its CPU time from /proc, as the platform's): PORT, BENCH_RP (JSON). */
await startBareProvider(Number(process.env.PORT), JSON.parse(process.env.BENCH_RP!) as RelyingParty);
process.on('SIGTERM', () => process.exit(0));
