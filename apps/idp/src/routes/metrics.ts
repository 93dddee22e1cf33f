import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';

/**
 * Prometheus metrics at /metrics: HTTP requests by route pattern (never the
 * raw URL, which may carry codes) and whatever else is in the registry.
 * Registered on the root instance so the hook sees every route.
 */
export function registerMetrics(app: FastifyInstance, options: { registry: Registry }) {
  const requests = new Counter({
    name: 'uia_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [options.registry],
  });
  const duration = new Histogram({
    name: 'uia_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [options.registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(options.registry.contentType);
    return options.registry.metrics();
  });
}
