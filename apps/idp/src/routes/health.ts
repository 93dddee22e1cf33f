import type { FastifyInstance } from 'fastify';
import { checkReadiness, type ReadinessChecks } from '../services/operations/readiness.ts';

/** Liveness says the process answers; readiness that its storage does too, naming what is down. */
export async function healthRoutes(app: FastifyInstance, options: { checks: ReadinessChecks }) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const { ready, checks } = await checkReadiness(options.checks);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  });
}
