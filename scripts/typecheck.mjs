// Type-checks every project the root tsconfig.json references, each with its own
// environment (server code with node types and no DOM, browser code with DOM and no
// node types), and fails if any of them does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const solution = JSON.parse(readFileSync(`${root}/tsconfig.json`, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const failed = [];
for (const { path } of solution.references) {
  process.stdout.write(`tsc -p ${path}\n`);
  const run = spawnSync('npx', ['tsc', '-p', path], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed.push(path);
}
if (failed.length > 0) {
  process.stderr.write(`type errors in: ${failed.join(', ')}\n`);
  process.exit(1);
}
