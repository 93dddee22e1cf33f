import { z } from 'zod';
import { assuranceLevel, redirectResponse, serviceRef, text } from './shared-fields.ts';

/**
 * 用户中心 (/account): the person's own data (masked), the entities they may
 * act for, 注册单位, 管理经办人, 登录设备与会话. Every call but 退出登录 needs the
 * user-center session (401 ACCOUNT_LOGIN_REQUIRED). Paths: USER_CENTER_PATHS (paths.ts).
 */

/** The logged-in person, masked by the server. */
export const accountPerson = z.object({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  assuranceLevel,
});
export type AccountPerson = z.infer<typeof accountPerson>;
export const accountMeResponse = z.object({ person: accountPerson });
export type AccountMeResponse = z.infer<typeof accountMeResponse>;

export const ENTITY_ROLES = ['legal_representative', 'agent'] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

/** An entity the person may act for now. */
export const accountEntity = z.object({
  id: z.string(),
  uscc: z.string(),
  name: z.string(),
  accountName: z.string().nullable(),
  role: z.enum(ENTITY_ROLES),
  /** The agent's grant: null = all business. */
  services: z.array(serviceRef).nullable(),
  /** The agent's grant expiry (ISO); null for the representative. */
  expiresAt: z.string().nullable(),
});
export type AccountEntity = z.infer<typeof accountEntity>;
export const accountEntitiesResponse = z.object({ entities: z.array(accountEntity) });
export type AccountEntitiesResponse = z.infer<typeof accountEntitiesResponse>;

export const registerEntityRequest = z.strictObject({
  uscc: text(32).min(1),
  name: text(100).min(1),
  accountName: text(64).optional(),
});
export type RegisterEntityRequest = z.infer<typeof registerEntityRequest>;
export const registerEntityResponse = z.object({ entity: accountEntity });
export type RegisterEntityResponse = z.infer<typeof registerEntityResponse>;

/** An unrevoked agent grant of an entity, the agent masked. */
export const agentGrant = z.object({
  id: z.string(),
  person: z.object({ name: z.string(), idNumber: z.string() }),
  services: z.array(serviceRef).nullable(),
  expiresAt: z.string(),
  grantedAt: z.string(),
  status: z.enum(['active', 'expired']),
});
export type AgentGrant = z.infer<typeof agentGrant>;

export const agentListResponse = z.object({
  agents: z.array(agentGrant),
  maxAgents: z.number(),
  /** The registered services a grant may name. */
  services: z.array(serviceRef),
});
export type AgentList = z.infer<typeof agentListResponse>;

export const grantAgentRequest = z.strictObject({
  /** The agent's name as on their ID: the representative must know whom they authorise. */
  agentName: text(60).min(1),
  /** The agent's ID number or phone. */
  agent: text(32).min(1),
  /** Client ids, or null for all business. */
  services: z.array(text(64).min(1)).max(50).nullable(),
  /** YYYY-MM-DD, Beijing time: the grant's last day. */
  expiresOn: text(10).min(1),
});
export type GrantAgentRequest = z.infer<typeof grantAgentRequest>;
export const grantAgentResponse = z.object({ agent: agentGrant });
export type GrantAgentResponse = z.infer<typeof grantAgentResponse>;
export const revokeAgentResponse = z.object({ revoked: z.literal(true) });
export type RevokeAgentResponse = z.infer<typeof revokeAgentResponse>;

/** A browser (platform) session of the person. */
export const browserSession = z.object({
  id: z.string(),
  /** The browser viewing the page. */
  current: z.boolean(),
  /** "Chrome 126", "Windows 10": null when the platform has no record of it. */
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** Approximate place of the login ("北京市"), never the address. */
  place: z.string().nullable(),
  loginAt: z.string(),
  lastUsedAt: z.string(),
  expiresAt: z.string(),
  entityLogin: z.boolean(),
  /** The registered services signed in to in this session. */
  services: z.array(serviceRef),
});
export type BrowserSession = z.infer<typeof browserSession>;

/** A companion-app session of the person. */
export const appSessionOfAccount = z.object({ id: z.string(), device: z.string(), createdAt: z.string(), expiresAt: z.string() });
export type AppSession = z.infer<typeof appSessionOfAccount>;

export const accountSessionsResponse = z.object({ browsers: z.array(browserSession), apps: z.array(appSessionOfAccount) });
export type AccountSessionList = z.infer<typeof accountSessionsResponse>;

export const endSessionResponse = z.object({ ended: z.literal(true) });
export type EndSessionResponse = z.infer<typeof endSessionResponse>;
/** How many sessions 全部退出 ended. */
export const endOtherSessionsResponse = z.object({ browsers: z.number(), apps: z.number() });
export type EndOtherSessionsResponse = z.infer<typeof endOtherSessionsResponse>;

export const accountLogoutResponse = redirectResponse;
export type AccountLogoutResponse = z.infer<typeof accountLogoutResponse>;
