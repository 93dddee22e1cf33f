/**
 * A check that has not answered after this counts as unavailable: a frozen PostgreSQL or Redis
 * (SIGSTOP, a network cut) must turn readiness red quickly, not hang the probe.
 */
const CHECK_TIME_LIMIT_MS = 1000;

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

function withinTimeLimit(check: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), CHECK_TIME_LIMIT_MS);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** Each check's state, and whether all are ok (what /readyz and the console's 运行状态 show). */
export async function checkReadiness(checks: ReadinessChecks): Promise<{ ready: boolean; checks: Record<string, 'ok' | 'unavailable'> }> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withinTimeLimit(check);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'ok'), checks: Object.fromEntries(results) };
}
