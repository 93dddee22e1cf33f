import type { FastifyRequest } from 'fastify';

/** Who is asking, as services and the audit log need it. */
export function requestContext(request: FastifyRequest) {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) };
}
