import { ConfigError, loadConfig } from './config.ts';
import { composePlatform } from './compose.ts';

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

  const shutdown = async () => {
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('启动失败 / failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
