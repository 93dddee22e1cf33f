import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.ts';
import type { OperatorActor } from '../../services/operations/operator-actor.ts';
import type { AdminCommand } from './admin-command.ts';
import { AdminUsageError, withConnection } from './admin-command.ts';

const USAGE = [
  'npm run admin -- client add --file client.json   注册依赖方（RFC 7591 元数据），输出 client_id 与 client_secret（仅此一次）',
  'npm run admin -- client list                     列出依赖方（每行一个 JSON，不含密钥）',
  'npm run admin -- client disable <client_id>      停用依赖方',
  'npm run admin -- client enable <client_id>       启用依赖方',
].join('\n');

const CLI: OperatorActor = { kind: 'cli' };

async function readMetadata(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('CLIENT_METADATA_INVALID');
  }
}

/** `client add | list | disable | enable`: the relying-party registry from the operator's shell. */
export const clientCommand: AdminCommand = {
  usage: USAGE,
  async run(args, { connect, print }) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({ args: rest, options: { file: { type: 'string' } }, allowPositionals: true, strict: true });
    if (action === 'add' && values.file && positionals.length === 0) {
      const metadata = await readMetadata(values.file);
      return withConnection(connect, async ({ registry }) => {
        const { client, clientSecret } = await registry.register(metadata, CLI);
        print(JSON.stringify({ client_id: client.client_id, client_secret: clientSecret }));
      });
    }
    if (action === 'list' && positionals.length === 0) {
      return withConnection(connect, async ({ registry }) => {
        for (const client of await registry.list()) print(JSON.stringify(client));
      });
    }
    if ((action === 'disable' || action === 'enable') && positionals.length === 1) {
      return withConnection(connect, async ({ registry }) => {
        const client = await registry.setEnabled(positionals[0]!, action === 'enable', CLI);
        print(JSON.stringify({ client_id: client.client_id, enabled: client.enabled }));
      });
    }
    throw new AdminUsageError(USAGE);
  },
};
