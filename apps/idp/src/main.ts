import { ConfigError, loadConfig } from './config.ts';
import { composePlatform } from './compose.ts';

/** A shutdown never takes longer than this (issue: exit within 10 s of SIGTERM). */
const SHUTDOWN_LIMIT_MS = 9_000;

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const platform = await composePlatform(config);
  await platform.app.listen({ host: config.host, port: config.port });
  platform.app.log.info(`统一身份认证平台 (${config.mode}) at ${config.publicUrl}  issuer ${config.issuer}`);

  // SIGTERM (a rolling restart, systemd stop) and Ctrl-C: stop accepting connections, end the SSE streams
  // with a retry hint (their pages reconnect, to another node or to this one restarted), let requests in
  // flight finish, close the database and Redis pools, exit 0. Whatever hangs, the process is gone within
  // SHUTDOWN_LIMIT_MS (exit 1), before a supervisor's own kill -9 (systemd waits 90 s, Kubernetes 30 s).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    platform.app.log.info(`${signal}: shutting down`);
    setTimeout(() => {
      platform.app.log.error(`shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    try {
      await platform.close();
      process.exit(0);
    } catch (error) {
      platform.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  console.error('启动失败 / failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
