// Re-encrypts personal data (and the other values the PII cipher protects:
// client secrets, signing keys) from older keys of UIA_DATA_KEYS to its first
// key. Run it after every node restarted with the new ring "new:…,old:…";
// when it reports completion the old key can leave the ring.
// Usage: npm run pii:rotate -- [--batch-size 500] [--max-batches N]
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from '../adapters/sql/database.ts';
import { rotatePiiKey } from '../adapters/sql/pii-key-rotation.ts';
import { PiiCipher } from '../services/personal-data/pii-cipher.ts';

const USAGE = 'usage: npm run pii:rotate -- [--batch-size 1-10000 (default 500)] [--max-batches N]';

function positiveInteger(name: string, value: string | undefined, fallback: number | undefined, max: number): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) throw new ConfigError([`--${name}: 应为 1–${max} 的整数 / expected a whole number 1–${max}`, USAGE]);
  return number;
}

try {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' }, 'max-batches': { type: 'string' } }, strict: true });
  const batchSize = positiveInteger('batch-size', values['batch-size'], 500, 10_000)!;
  const maxBatches = positiveInteger('max-batches', values['max-batches'], undefined, 1_000_000_000);
  const config = loadConfig();
  const current = config.dataKeys[0]!.id;
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // The operator's statement timeout, and a dropped connection said aloud (the run then stops; rerun resumes).
    postgres: { statementTimeoutMs: config.storageTimeouts.statementMs, onConnectionError: (error) => console.error(`数据库连接错误 / database connection error: ${error.message}`) },
  });
  let stopRequested = false;
  // Ctrl-C: the batch in flight commits (or rolls back as a whole); nothing is half-written.
  process.once('SIGINT', () => {
    stopRequested = true;
    console.log('收到中断，当前批次完成后停止 / stopping after the current batch');
  });
  try {
    await migrateToLatest(database.db);
    console.log(`个人信息密钥轮换：重新加密到当前密钥 ${current} / re-encrypting to key ${current} (ring: ${config.dataKeys.map((k) => k.id).join(',')}), ${batchSize} rows per batch`);
    const result = await rotatePiiKey(database.db, new PiiCipher(config.dataKeys, config.blindIndexKey), {
      batchSize,
      maxBatches,
      shouldStop: () => stopRequested,
      onBatch: (progress) => console.log(`  ${progress.table}: ${progress.checked} rows checked, ${progress.reEncrypted} re-encrypted`),
    });
    const summary = result.tables.map((table) => `${table.table} ${table.reEncrypted}/${table.checked}`).join(', ');
    if (result.complete) {
      console.log(`完成：共重新加密 ${result.reEncrypted} 行 / done: ${result.reEncrypted} rows re-encrypted (${summary}); every value is on key ${current}, older keys may now leave UIA_DATA_KEYS`);
    } else {
      console.log(`已停止：本次重新加密 ${result.reEncrypted} 行 / stopped: ${result.reEncrypted} rows re-encrypted (${summary}); run the command again to continue`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  const badArguments = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  console.error(error instanceof ConfigError ? error.message : badArguments ? `${(error as Error).message}\n${USAGE}` : error);
  process.exit(1);
}
