// Starts the platform (http://localhost:3000) and the edu-portal example RP
// (http://localhost:3001) in demo mode, and stops both together. Both run from
// their builds (`npm run build`, which `npm start` runs first): plain node, no tsx.
import { spawn } from 'node:child_process';

const services = [
  { name: 'idp', entry: 'apps/idp/dist/main.js', env: { UIA_MODE: process.env.UIA_MODE ?? 'demo' } },
  { name: 'edu-portal', entry: 'apps/edu-portal/dist/main.js', env: {} },
];

const children = services.map(({ name, entry, env }) => {
  const child = spawn(process.execPath, [entry], { stdio: 'inherit', env: { ...process.env, ...env } });
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
  统一身份认证平台（演示） http://localhost:${process.env.PORT ?? 3000}
  手机App（演示，用手机浏览器或桌面浏览器的手机模式打开） http://localhost:${process.env.PORT ?? 3000}/app/
  义务教育入学服务平台（演示） http://localhost:${process.env.EDU_PORT ?? 3001}
  演示账号 zhangsan / 13800000001 / 11010519491231002X, 密码 Demo@2026pw
`);
