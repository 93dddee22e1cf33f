import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { KeyValueStore } from '../../ports/key-value-store.ts';
import { CHANGE_PHONE_POLICY } from './change-phone-policy.ts';

export interface ChangePhoneTicketState {
  accountId: string;
  /** The app session that proved the person: only it may go on. */
  appSessionId: string;
  /** How the person was proved. */
  method: 'sms' | 'face';
  /** Blind index of the new number the last code was sent to; null before one was sent. */
  newPhoneIndex: string | null;
  /** Epoch ms, by the service clock (the store's TTL is only the clean-up). */
  expiresAt: number;
}

export interface OpenChangePhoneTicket {
  key: string;
  raw: string;
  state: ChangePhoneTicketState;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
// Documented exception to the error table: a ticket of another app session answers 403 with
// the same code and message as a spent one (410); the person is told the same either way.
const stepInvalid = (status?: 403) => new AppError('PHONE_CHANGE_STEP_INVALID', status ? { exceptionalStatus: status } : {});

/**
 * The proof that the person was verified, carried from step 1 to the new
 * phone: random, kept under its hash in the key-value store, valid 10
 * minutes, only for the app session that earned it, and spent (atomically)
 * by the change itself.
 */
export class ChangePhoneTickets {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
  ) {}

  async issue(state: Omit<ChangePhoneTicketState, 'expiresAt' | 'newPhoneIndex'>): Promise<string> {
    const ticket = randomBytes(24).toString('base64url');
    const stored: ChangePhoneTicketState = { ...state, newPhoneIndex: null, expiresAt: this.now() + CHANGE_PHONE_POLICY.ticketSeconds * 1000 };
    await this.store.set(this.key(ticket), JSON.stringify(stored), CHANGE_PHONE_POLICY.ticketSeconds);
    return ticket;
  }

  async open(ticket: string, appSessionId: string): Promise<OpenChangePhoneTicket> {
    const key = this.key(ticket);
    const raw = await this.store.get(key);
    const state = raw === null ? null : (JSON.parse(raw) as ChangePhoneTicketState);
    if (raw === null || !state || state.expiresAt <= this.now()) throw stepInvalid();
    if (state.appSessionId !== appSessionId) throw stepInvalid(403);
    return { key, raw, state };
  }

  /** Records the number a code was just sent to; fails if the ticket was spent or changed meanwhile. */
  async rememberNewPhone(ticket: OpenChangePhoneTicket, newPhoneIndex: string): Promise<void> {
    const next = JSON.stringify({ ...ticket.state, newPhoneIndex });
    const seconds = Math.max(1, Math.ceil((ticket.state.expiresAt - this.now()) / 1000));
    if (!(await this.store.swap(ticket.key, ticket.raw, next, seconds))) throw stepInvalid();
  }

  /** One-time: of two requests, one wins; the other gets PHONE_CHANGE_STEP_INVALID. */
  async consume(ticket: OpenChangePhoneTicket): Promise<void> {
    if ((await this.store.take(ticket.key)) === null) throw stepInvalid();
  }

  private key(ticket: string) {
    return `phone-change:ticket:${sha256(ticket)}`;
  }
}
