// Configuration of the example relying party, read from the environment and
// validated once at start. Every problem is reported with a Chinese and an
// English sentence so that an operator sees all of them at once.
import { randomBytes } from 'node:crypto';

export interface EduConfig {
  /** TCP port to listen on (EDU_PORT, default 3001). */
  port: number;
  /** Interface to listen on (EDU_HOST, default 127.0.0.1). */
  host: string;
  /** OIDC issuer identifier of the platform (EDU_ISSUER). */
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Public origin of this portal, without a trailing slash (EDU_BASE_URL). */
  baseUrl: string;
  /** `${baseUrl}/callback` — must be registered exactly at the platform. */
  redirectUri: string;
  /** `${baseUrl}/` — must be registered exactly at the platform. */
  postLogoutRedirectUri: string;
  /** Key for signing this portal's cookies (EDU_SESSION_SECRET). */
  sessionSecret: string;
  /** Optional `acr_values` to request, e.g. `L3` (EDU_ACR_VALUES). */
  acrValues?: string;
  /**
   * True when the issuer is plain http on a loopback host (the local demo).
   * Only then does the portal pass openid-client's `allowInsecureRequests`.
   */
  allowInsecureIssuer: boolean;
  /** Cookies get the `Secure` attribute when the portal itself is served over https. */
  secureCookies: boolean;
  /** `UIA_MODE=production` forbids demo defaults. */
  production: boolean;
}

export const DEMO_CLIENT_ID = 'edu-portal';
export const DEMO_CLIENT_SECRET = 'edu-portal-demo-secret';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const ACR_LEVELS = new Set(['L1', 'L2', 'L3', 'L4']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`edu-portal 配置错误 / invalid edu-portal configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parseHttpUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads and validates the configuration. Throws a {@link ConfigError} listing
 * every problem found.
 */
export function loadConfig(env: Env = process.env): EduConfig {
  const problems: string[] = [];
  const production = read(env, 'UIA_MODE') === 'production';

  // EDU_PORT
  const rawPort = read(env, 'EDU_PORT') ?? '3001';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || !Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`EDU_PORT 必须是 1–65535 之间的整数（当前为 "${rawPort}"） / EDU_PORT must be an integer between 1 and 65535 (got "${rawPort}")`);
  }

  const host = read(env, 'EDU_HOST') ?? '127.0.0.1';

  // EDU_ISSUER
  const rawIssuer = read(env, 'EDU_ISSUER') ?? 'http://localhost:3000/oidc';
  const issuer = parseHttpUrl(rawIssuer);
  let allowInsecureIssuer = false;
  if (!issuer) {
    problems.push(`EDU_ISSUER 必须是 http(s) 网址（当前为 "${rawIssuer}"） / EDU_ISSUER must be an http(s) URL (got "${rawIssuer}")`);
  } else if (issuer.search || issuer.hash) {
    problems.push(`EDU_ISSUER 不能包含查询参数或片段 / EDU_ISSUER must not contain a query or fragment`);
  } else if (issuer.protocol === 'http:') {
    if (!isLoopbackHost(issuer.hostname)) {
      problems.push(
        `EDU_ISSUER 只有在本机（localhost / 127.0.0.1）演示时才允许使用 http，其他情况必须使用 https / EDU_ISSUER may use plain http only on localhost/127.0.0.1 (demo); use https otherwise`,
      );
    } else if (production) {
      problems.push(`生产模式下 EDU_ISSUER 必须使用 https / EDU_ISSUER must use https in production mode`);
    } else {
      allowInsecureIssuer = true;
    }
  }

  // EDU_CLIENT_ID / EDU_CLIENT_SECRET — the demo client registered by the platform's demo seed.
  const clientId = read(env, 'EDU_CLIENT_ID') ?? DEMO_CLIENT_ID;
  const clientSecret = read(env, 'EDU_CLIENT_SECRET') ?? DEMO_CLIENT_SECRET;
  if (production && clientSecret === DEMO_CLIENT_SECRET) {
    problems.push(`生产模式下必须设置 EDU_CLIENT_SECRET，且不能使用演示密钥 / EDU_CLIENT_SECRET must be set to a non-demo value in production mode`);
  }

  // EDU_BASE_URL
  const rawBase = read(env, 'EDU_BASE_URL') ?? `http://localhost:${Number.isInteger(port) ? port : 3001}`;
  const base = parseHttpUrl(rawBase);
  let baseUrl = '';
  if (!base) {
    problems.push(`EDU_BASE_URL 必须是 http(s) 网址（当前为 "${rawBase}"） / EDU_BASE_URL must be an http(s) URL (got "${rawBase}")`);
  } else if ((base.pathname !== '/' && base.pathname !== '') || base.search || base.hash) {
    problems.push(`EDU_BASE_URL 只能是站点根地址，例如 http://localhost:3001 / EDU_BASE_URL must be an origin such as http://localhost:3001 (no path, query or fragment)`);
  } else {
    baseUrl = base.origin;
    if (production && base.protocol !== 'https:') {
      problems.push(`生产模式下 EDU_BASE_URL 必须使用 https / EDU_BASE_URL must use https in production mode`);
    }
  }

  // EDU_SESSION_SECRET — random per process in the demo (sessions then end on restart anyway,
  // since the session store is in memory).
  let sessionSecret = read(env, 'EDU_SESSION_SECRET');
  if (sessionSecret === undefined) {
    if (production) {
      problems.push(`生产模式下必须设置 EDU_SESSION_SECRET（至少 32 个字符） / EDU_SESSION_SECRET must be set in production mode (at least 32 characters)`);
    }
    sessionSecret = randomBytes(32).toString('base64url');
  } else if (sessionSecret.length < 32) {
    problems.push(`EDU_SESSION_SECRET 至少需要 32 个字符 / EDU_SESSION_SECRET must be at least 32 characters long`);
  }

  // EDU_ACR_VALUES — optional, space-separated list of L1…L4.
  const rawAcr = read(env, 'EDU_ACR_VALUES');
  let acrValues: string | undefined;
  if (rawAcr !== undefined) {
    const values = rawAcr.split(/\s+/);
    const bad = values.filter((v) => !ACR_LEVELS.has(v));
    if (bad.length) {
      problems.push(
        `EDU_ACR_VALUES 只能包含 L1、L2、L3、L4（以空格分隔），无效值："${bad.join(' ')}" / EDU_ACR_VALUES may only contain L1, L2, L3, L4 separated by spaces; invalid: "${bad.join(' ')}"`,
      );
    } else {
      acrValues = values.join(' ');
    }
  }

  if (problems.length) throw new ConfigError(problems);

  const config: EduConfig = {
    port,
    host,
    issuer: issuer!,
    clientId,
    clientSecret,
    baseUrl,
    redirectUri: `${baseUrl}/callback`,
    postLogoutRedirectUri: `${baseUrl}/`,
    sessionSecret,
    allowInsecureIssuer,
    secureCookies: baseUrl.startsWith('https:'),
    production,
  };
  if (acrValues) config.acrValues = acrValues;
  return config;
}
