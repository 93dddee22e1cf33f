import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import type { IdType } from '@uia/validators';

export type ResetStep = 'verify_identity' | 'set_password';

export interface ResetTicketState {
  step: ResetStep;
  /** Null when the account name matched no usable account: the flow goes on, and fails at the ID number. */
  accountId: string | null;
  /** The account's document type and ID-number blind index, so step 2 checks without reading the database. */
  identity: { idType: IdType; idNumberIndex: string } | null;
  /** Blind index of the account name as typed, the subject of the per-name limits. */
  accountName: string;
  /** SHA-256 of the browser-binding cookie. */
  browser: string;
  /** The account name as typed at step 1, encrypted (PiiCipher): shown again when a reloaded page resumes the flow. */
  accountTypedCipher: string;
}

interface StoredTicket extends ResetTicketState {
  /** Epoch ms, by the service clock (the store's own TTL is only the clean-up). */
  expiresAt: number;
}

/** Things counted per ticket. */
export type TicketCounter = 'id-checks' | 'password-tries';

export interface OpenTicket {
  key: string;
  state: ResetTicketState;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Each wizard step's result: a random ticket kept server-side (under its hash,
 * so a store dump holds no usable ticket), one-time, short-lived, bound to the
 * browser that started the flow. Marks and counters hang off the ticket and
 * expire with it.
 */
export class ResetTickets {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  static browserDigest(binding: string): string {
    return sha256(binding).toString('base64url');
  }

  async issue(state: ResetTicketState, ttlSeconds: number): Promise<string> {
    const ticket = randomBytes(24).toString('base64url');
    const stored: StoredTicket = { ...state, expiresAt: this.now() + ttlSeconds * 1000 };
    await this.store.set(this.key(ticket), JSON.stringify(stored), ttlSeconds);
    return ticket;
  }

  /** The ticket's state if it is alive, presented by its own browser, and meant for `step`. */
  async open(ticket: string, step: ResetStep, browserBinding: string): Promise<OpenTicket> {
    const key = this.key(ticket);
    const raw = await this.store.get(key);
    const stored = raw === null ? null : (JSON.parse(raw) as StoredTicket);
    if (!stored || stored.expiresAt <= this.now()) throw new AppError('RESET_TICKET_INVALID');
    const { expiresAt: _expiresAt, ...state } = stored;
    const presented = sha256(browserBinding);
    if (!timingSafeEqual(presented, Buffer.from(state.browser, 'base64url'))) {
      throw new AppError('RESET_TICKET_OTHER_BROWSER');
    }
    if (state.step !== step) throw new AppError('RESET_STEP_SKIPPED');
    return { key, state };
  }

  /**
   * One-time: the first caller wins, any other gets RESET_TICKET_INVALID.
   * Marks and counters are left to expire with the ticket's time: a request
   * that opened the ticket just before must still find its counters spent.
   */
  async consume(ticket: OpenTicket): Promise<void> {
    if ((await this.store.take(ticket.key)) === null) throw new AppError('RESET_TICKET_INVALID');
  }

  /**
   * Marks the code sent, and remembers the ticket for its browser (`sealed`:
   * the ticket encrypted, so a store dump holds no usable ticket) for as long
   * as it lives: a reloaded page gets it back with `sentFor`.
   */
  async markCodeSent(ticket: OpenTicket, sealed: string): Promise<void> {
    const seconds = await this.remainingSeconds(ticket);
    await this.store.set(`${ticket.key}:code-sent`, '1', seconds);
    await this.store.set(this.browserKey(ticket.state.browser), sealed, seconds);
  }

  /** The sealed ticket whose code this browser was sent last, if still remembered. */
  sentFor(browserBinding: string): Promise<string | null> {
    return this.store.get(this.browserKey(ResetTickets.browserDigest(browserBinding)));
  }

  async codeSent(ticket: OpenTicket): Promise<boolean> {
    return (await this.store.get(`${ticket.key}:code-sent`)) !== null;
  }

  /** Counts one attempt (atomically, before it is evaluated); returns the count so far on this ticket. */
  async count(ticket: OpenTicket, counter: TicketCounter): Promise<number> {
    return this.store.increment(`${ticket.key}:${counter}`, await this.remainingSeconds(ticket));
  }

  private async remainingSeconds(ticket: OpenTicket) {
    return Math.max(1, (await this.store.ttl(ticket.key)) ?? 1);
  }

  private browserKey(browserDigest: string) {
    return `reset:code-sent-to:${browserDigest}`;
  }

  private key(ticket: string) {
    return `reset:ticket:${sha256(ticket).toString('base64url')}`;
  }
}
