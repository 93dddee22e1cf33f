import type { ConsoleRole } from '@uia/schemas';

/** One authentication decision or administrator action. Never carries personal data in clear. */
export interface AuditEvent {
  type: string;
  outcome: 'success' | 'failure';
  accountId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Machine facts: error codes, identifier kinds, masked values. */
  detail?: Record<string, string | number | boolean | null>;
  /** An operator console action: who did it, in which role. */
  actor?: { accountId: string; role: ConsoleRole } | null;
  /** What a console action acted on: an account id, a client id, a key id. */
  target?: string | null;
  /** Non-personal fields a console action changed, before and after. */
  changes?: Record<string, { before: string | number | boolean | null; after: string | number | boolean | null }> | null;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: number;
}

/** An event as the chain holds it. */
export interface ChainedAuditEvent extends StoredAuditEvent {
  /** Position in the one global chain: gapless, from 1. */
  seq: number;
  /** SHA-256 linking this event to the one before (docs/audit.md). */
  hash: string;
}

/** Exact-match filters; every one given must hold. Times in epoch ms, `to` exclusive. */
export interface AuditSearchFilter {
  from?: number | undefined;
  to?: number | undefined;
  type?: string | undefined;
  outcome?: AuditEvent['outcome'] | undefined;
  actorAccountId?: string | undefined;
  accountId?: string | undefined;
  clientId?: string | undefined;
  ip?: string | undefined;
}

/** Keyset page, newest first: events with seq below `beforeSeq`. */
export interface AuditPageRequest {
  limit: number;
  beforeSeq?: number | undefined;
}

export interface AuditPage {
  events: ChainedAuditEvent[];
  /** `beforeSeq` of the next (older) page; null on the last one. */
  nextBeforeSeq: number | null;
}

/**
 * Why verification stopped: a row's content no longer matches its hash
 * (edited); a seq is absent, or a row's predecessor hash belongs to no stored
 * row (missing); a row's predecessor hash belongs to another position
 * (reordered); a checkpoint does not verify against the platform's keys
 * (bad-checkpoint-signature) or signs a hash the chain no longer has
 * (checkpoint-mismatch).
 */
export type AuditChainBreak = 'edited' | 'missing' | 'reordered' | 'bad-checkpoint-signature' | 'checkpoint-mismatch';

export type AuditVerification =
  { ok: true; checked: number; checkpoints: number; lastSeq: number; archivedThroughSeq: number } | { ok: false; checked: number; firstBrokenSeq: number; reason: AuditChainBreak };

/** What the services write to. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  recent(limit: number): Promise<StoredAuditEvent[]>;
}

/** What the audit administrator reads and checks (console, `admin audit`). */
export interface AuditTrail extends AuditLog {
  search(filter: AuditSearchFilter, page: AuditPageRequest): Promise<AuditPage>;
  /** Walks the whole chain in batches, checking every link and every signed checkpoint. */
  verify(): Promise<AuditVerification>;
}

/**
 * Signed claims: event `seq` of the chain had hash `hash` at `at`. A
 * checkpoint states it of the live chain; an archive anchor states that the
 * events up to `seq` were archived, so the chain now starts after it.
 */
export interface AuditCheckpoint {
  kind: 'checkpoint' | 'anchor';
  seq: number;
  hash: string;
  at: number;
}

/** Signs checkpoints with a key the database does not hold in clear (docs/audit.md). */
export interface AuditCheckpointSigner {
  sign(checkpoint: AuditCheckpoint): Promise<string>;
  /** The claims of a valid signature by one of the platform's keys, else null. */
  verify(jws: string): Promise<AuditCheckpoint | null>;
}

/** Reading one account's events back (the console's 最近登录 and in-person checks). */
export interface AccountAuditHistory {
  /** The account's newest events of these types (and outcome, when given), newest first. */
  eventsOfAccount(accountId: string, filter: { types: readonly string[]; outcome?: AuditEvent['outcome']; limit: number }): Promise<StoredAuditEvent[]>;
}
