// Starts the example relying party: `npx tsx apps/edu-portal/src/main.ts`.
import { ConfigError, loadConfig, type EduConfig } from './config.ts';
import { createEduPortal } from './app.ts';

let config: EduConfig;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = createEduPortal(config, { logger: { level: process.env.LOG_LEVEL ?? 'info' } });

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info(`received ${signal}, shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `edu-portal 义务教育入学服务平台（演示） listening on ${config.baseUrl} (bound ${config.host}:${config.port}), issuer ${config.issuer.href}, client ${config.clientId}${config.acrValues ? `, acr_values ${config.acrValues}` : ''}`,
  );
} catch (err) {
  app.log.error({ err }, 'failed to start');
  process.exit(1);
}
