// Adds a new signing key for every algorithm (RS256, ES256); every node uses them as the
// active keys after its next restart, while the older keys stay in the JWKS so issued tokens
// still verify.
import { ConfigError, loadConfig } from '../config.ts';
import { rotateSigningKeys } from '../oidc/signing-keys.ts';
import { withConnection } from './admin/admin-command.ts';
import { connectToPlatform } from './admin/platform-connection.ts';

try {
  const config = loadConfig();
  const kids = await withConnection(
    () => connectToPlatform(config),
    ({ signingKeyStore, cipher, audit }) => rotateSigningKeys(signingKeyStore, cipher, audit, { via: 'cli' }),
  );
  console.log(`新签名密钥已生成 / new signing keys ${kids.join(', ')}; restart the platform nodes to sign with them.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
