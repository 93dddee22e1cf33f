// Starts the platform (http://localhost:3000) and the edu-portal example RP
// (http://localhost:3001) in demo mode, and stops both together. Both run from
// their builds (`npm run build`, which `npm start` runs first): plain node, no tsx.
import { spawn } from 'node:child_process';
import { withGlibcMalloc } from './glibc-malloc.mjs';
import { V8_HEAP_FLAGS } from './v8-heap.mjs';

// PORT and EDU_PORT alone move the demo: each side learns the other's address from them
// (the platform registers edu-portal's redirect URIs at its URL; edu-portal finds the issuer),
// unless UIA_DEMO_RP_URL / PUBLIC_URL / EDU_ISSUER say otherwise.
const port = process.env.PORT ?? '3000';
const eduPort = process.env.EDU_PORT ?? '3001';
const platformUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const eduUrl = (process.env.EDU_BASE_URL ?? process.env.UIA_DEMO_RP_URL ?? `http://localhost:${eduPort}`).replace(/\/$/, '');

const services = [
  { name: 'idp', entry: 'apps/idp/dist/main.js', env: { UIA_MODE: process.env.UIA_MODE ?? 'demo', UIA_DEMO_RP_URL: process.env.UIA_DEMO_RP_URL ?? eduUrl } },
  { name: 'edu-portal', entry: 'apps/edu-portal/dist/main.js', env: { EDU_ISSUER: process.env.EDU_ISSUER ?? `${platformUrl}/oidc` } },
];

const children = services.map(({ name, entry, env }) => {
  const child = spawn(process.execPath, [...V8_HEAP_FLAGS, entry], { stdio: 'inherit', env: withGlibcMalloc({ ...process.env, ...env }) });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${name}] exited (${signal ?? code}); stopping the demo`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

console.log(`
  统一身份认证平台（演示） ${platformUrl}
  手机App（演示，用手机浏览器或桌面浏览器的手机模式打开） ${platformUrl}/app/
  义务教育入学服务平台（演示） ${eduUrl}
  演示账号 zhangsan / 13800000001 / 11010519491231002X, 密码 Demo@2026pw
`);
