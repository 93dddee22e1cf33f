import type { FastifyInstance } from 'fastify';

/**
 * A check that has not answered after this counts as unavailable: a frozen PostgreSQL or Redis
 * (SIGSTOP, a network cut) must turn readiness red quickly, not hang the probe.
 */
const CHECK_TIME_LIMIT_MS = 1000;

function withinTimeLimit(check: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), CHECK_TIME_LIMIT_MS);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** Liveness says the process answers; readiness that its storage does too, naming what is down. */
export async function healthRoutes(app: FastifyInstance, options: { checks: Record<string, () => Promise<unknown>> }) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await withinTimeLimit(check);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
}
