import { cpus, loadavg, platform as osPlatform, release } from 'node:os';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import { OWASP_ARGON2ID } from '../../apps/idp/src/adapters/password/argon2-password-hasher.ts';
import { DEMO_ACCOUNT, DEMO_CLIENT, DEMO_ENTITY } from '../../apps/idp/src/demo/demo-data.ts';
import { startBareProvider, type BareProvider } from './bare-provider.ts';
import { discoverTarget, LOGIN_STEPS, platformPasswordLogin, refreshChains, selfCompletingLogin, type RelyingParty } from './login-flow.ts';
import { measurePair, type MeasuredTask } from './measure.ts';
import { freePort, startTestPlatform } from '../../apps/idp/test/harness.ts';
import { buildServers, measureServerStarts, SERVER_COMMANDS, type ServerCommand, type Spread, type StartSummary } from './server-start.ts';
import { comparisonTable, renderTable, runNotes, stepMedians } from './table.ts';

/**
 * npm run bench [-- --concurrency 4 --duration 10 --warmup 3 --rounds 5 --idle 3]
 * (or BENCH_CONCURRENCY / BENCH_DURATION_S / BENCH_WARMUP_S / BENCH_ROUNDS / BENCH_IDLE_S).
 * Every measurement has a baseline measured in the same run, interleaved with it.
 */

function readOptions() {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '4' },
      duration: { type: 'string', default: process.env.BENCH_DURATION_S ?? '10' },
      warmup: { type: 'string', default: process.env.BENCH_WARMUP_S ?? '3' },
      rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '5' },
      idle: { type: 'string', default: process.env.BENCH_IDLE_S ?? '3' },
    },
  });
  const concurrency = Number(values.concurrency);
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  const rounds = Number(values.rounds);
  const idleS = Number(values.idle);
  if (!Number.isInteger(concurrency) || concurrency < 1 || !(durationS > 0) || !(warmupS >= 0) || !Number.isInteger(rounds) || rounds < 1 || !(idleS >= 0)) {
    throw new Error('usage: --concurrency <int ≥ 1> --duration <seconds > 0> --warmup <seconds ≥ 0> --rounds <int ≥ 1> --idle <seconds ≥ 0>');
  }
  return { concurrency, durationMs: durationS * 1000, warmupMs: warmupS * 1000, rounds, idleMs: idleS * 1000 };
}

const log = (message: string) => console.error(`[bench] ${message}`);

async function main() {
  const options = readOptions();
  const rpAt = (relyingPartyUrl: string): RelyingParty => ({
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    redirectUri: `${relyingPartyUrl}/callback`,
    scope: 'openid offline_access profile phone id_card',
  });
  const credentials = { identifier: DEMO_ACCOUNT.username, password: DEMO_ACCOUNT.password };
  const pair = (name: string, measurement: MeasuredTask, baseline: MeasuredTask) => {
    log(`${name}: ${options.warmupMs / 1000} s warm-up each, then ${options.durationMs / 1000} s each in ${options.rounds} interleaved rounds, concurrency ${options.concurrency}`);
    return measurePair(measurement, baseline, options);
  };
  const loadAtStart = loadavg()[0]!;
  const loginSteps = new Map<string, number[]>();

  // First, while nothing else of the bench runs: the server as its own process, compiled vs tsx.
  log(`server start, compiled vs tsx: ${options.rounds} alternating rounds, RSS after ${options.idleMs / 1000} s idle`);
  buildServers();
  const starts = await measureServerStarts(options.rounds, options.idleMs);

  log('starting the platform (demo mode)');
  // The demo client's redirect URI is never requested: the bench stops at it.
  const relyingPartyUrl = 'http://localhost:3001';
  // Request logs at info would interleave with the report; override with UIA_LOG_LEVEL.
  const platform = await startTestPlatform({ env: { UIA_DEMO_RP_URL: relyingPartyUrl, UIA_LOG_LEVEL: process.env.UIA_LOG_LEVEL ?? 'warn' } });
  let bare: BareProvider | undefined;
  try {
    log(`platform at ${platform.baseUrl}, backends: ${platform.backend}`);
    const rp = rpAt(relyingPartyUrl);
    const target = await discoverTarget(platform.baseUrl, platform.issuer, rp);

    const hash = await argon2.hash(credentials.password, OWASP_ARGON2ID);
    const [logins, argon] = await pair(
      'password login vs argon2id verify',
      {
        task: async () => {
          await platformPasswordLogin(target, credentials, (step, ms) => loginSteps.get(step)?.push(ms));
        },
        beforeMeasure: () => LOGIN_STEPS.forEach((step) => loginSteps.set(step, [])),
      },
      {
        task: async () => {
          if (!(await argon2.verify(hash, credentials.password))) throw new Error('argon2 verify returned false');
        },
      },
    );

    log('starting the bare oidc-provider (in-memory adapter)');
    bare = await startBareProvider(await freePort(), rp);
    const bareTarget = await discoverTarget(bare.origin, bare.issuer, rp);
    log(`refresh chains: one login + code exchange per worker (${options.concurrency}) on each server`);
    const platformRefresh = await refreshChains(target, options.concurrency, () => platformPasswordLogin(target, credentials));
    const bareRefresh = await refreshChains(bareTarget, options.concurrency, () => selfCompletingLogin(bareTarget));
    const [platformGrants, bareGrants] = await pair('refresh grant, platform vs bare oidc-provider', { task: platformRefresh }, { task: bareRefresh });

    // 法人登录: every refresh of an entity login checks the person's standing with the entity again.
    const entityTarget = { ...target, rp: { ...rp, scope: 'openid offline_access entity' } };
    const entityRefresh = await refreshChains(entityTarget, options.concurrency, () => platformPasswordLogin(entityTarget, { ...credentials, entity: DEMO_ENTITY.accountName }));
    const personalRefresh = await refreshChains(target, options.concurrency, () => platformPasswordLogin(target, credentials));
    const [entityGrants, personalGrants] = await pair('refresh grant, entity login vs personal login', { task: entityRefresh }, { task: personalRefresh });

    const providerVersion = (await import('oidc-provider/package.json', { with: { type: 'json' } })).default.version;
    console.log('');
    console.log(
      renderTable(
        ['environment', ''],
        [
          ['node', process.version],
          ['os', `${osPlatform()} ${release()}`],
          ['cpu', `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`],
          ['backends', platform.backend],
          ['oidc-provider', providerVersion],
          ['argon2id params', `m=${OWASP_ARGON2ID.memoryCost} KiB, t=${OWASP_ARGON2ID.timeCost}, p=${OWASP_ARGON2ID.parallelism}`],
          ['load average (1 min)', `${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`],
          ['concurrency', String(options.concurrency)],
          ['timing', `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per row side, ${options.rounds} interleaved rounds`],
        ],
      ),
    );
    console.log('');
    console.log(
      comparisonTable([
        { measurement: 'password login (real API)', value: logins, unit: 'logins/s', baseline: 'argon2id verify, same params', baselineValue: argon, baselineUnit: 'hashes/s' },
        { measurement: 'refresh grant (platform)', value: platformGrants, unit: 'grants/s', baseline: 'bare oidc-provider', baselineValue: bareGrants, baselineUnit: 'grants/s' },
        {
          measurement: 'refresh grant, 法人登录 (standing re-checked)',
          value: entityGrants,
          unit: 'grants/s',
          baseline: 'refresh grant, personal login',
          baselineValue: personalGrants,
          baselineUnit: 'grants/s',
        },
      ]),
    );
    console.log('');
    console.log(startTable(starts, options.idleMs));
    console.log('');
    console.log(`password login steps, p50: ${stepMedians(loginSteps)}`);
    for (const note of runNotes([
      ['password login', logins],
      ['argon2id verify', argon],
      ['refresh grant, platform', platformGrants],
      ['refresh grant, bare', bareGrants],
      ['refresh grant, entity login', entityGrants],
      ['refresh grant, personal login', personalGrants],
    ])) {
      console.log(note);
    }
  } finally {
    await bare?.close();
    await platform.stop();
  }
}

/** Goals of issue 10 §3: start → /readyz 200 within 2 s, idle RSS at most 150 MB. */
function startTable(starts: Record<ServerCommand, StartSummary>, idleMs: number): string {
  const spread = ({ p50, min, max }: Spread, unit: string, digits: number) => `${p50.toFixed(digits)} ${unit} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
  return renderTable(
    ['server process (demo, SQLite)', 'command', 'start → /readyz 200, p50 (min–max)', 'CPU used by then, p50', `RSS after ${idleMs / 1000} s idle, p50 (min–max)`],
    [
      ...(Object.keys(SERVER_COMMANDS) as ServerCommand[]).map((side) => [
        side,
        `node ${SERVER_COMMANDS[side].join(' ')}`,
        spread(starts[side].readyMs, 'ms', 0),
        `${starts[side].readyCpuMs.p50.toFixed(0)} ms`,
        spread(starts[side].idleRssMb, 'MB', 1),
      ]),
      ['goal (compiled)', '', '≤ 2000 ms', '', '≤ 150 MB'],
    ],
  );
}

main().catch((error: unknown) => {
  console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
