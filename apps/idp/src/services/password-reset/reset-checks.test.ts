import { randomBytes } from 'node:crypto';
import { normalizeIdentifier } from '@uia/validators';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { newAccountRecord } from '../accounts/new-account.ts';
import { PiiCipher } from '../personal-data/pii-cipher.ts';
import { matchesAccountIdNumber } from './match-id-number.ts';
import { ResetTickets, type ResetTicketState } from './reset-tickets.ts';
import { startAnswer } from './start-answer.ts';

const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
const person = {
  name: '张三',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800000001',
  username: 'zhangsan',
  passwordHash: 'x',
  assuranceLevel: 'L2',
} as const;
const account = newAccountRecord(cipher, person);

const identity = { idType: account.idType, idNumberIndex: account.idNumberIndex };

describe('matchesAccountIdNumber', () => {
  it("matches the account's own number as people type it", () => {
    expect(matchesAccountIdNumber(cipher, identity, '11010519491231002X')).toBe(true);
    expect(matchesAccountIdNumber(cipher, identity, ' 110105 19491231 002x ')).toBe(true);
  });

  it('is false for another number, a malformed one, and for no account at all', () => {
    expect(matchesAccountIdNumber(cipher, identity, '110101199001011237')).toBe(false);
    expect(matchesAccountIdNumber(cipher, identity, '11010519491231002')).toBe(false);
    expect(matchesAccountIdNumber(cipher, identity, '')).toBe(false);
    expect(matchesAccountIdNumber(cipher, null, '11010519491231002X')).toBe(false);
  });
});

describe('startAnswer (what step 1 shows of the bound phone)', () => {
  const otherPhone = newAccountRecord(cipher, { ...person, username: 'lisi_2026', phone: '13999998888' });
  const noPhone = { ...account, phoneCipher: null, phoneIndex: null };

  it('shows nothing of the phone for a username or ID number: two accounts, or none, answer alike', () => {
    for (const accountName of [normalizeIdentifier('zhangsan'), normalizeIdentifier('11010519491231002X')]) {
      const answers = [account, otherPhone, null].map((found) => startAnswer(accountName, found));
      expect(answers).toEqual([
        { phoneBound: true, maskedPhone: null },
        { phoneBound: true, maskedPhone: null },
        { phoneBound: true, maskedPhone: null },
      ]);
    }
  });

  it('shows a typed phone number its own mask, for a real account and an unknown one alike', () => {
    const accountName = normalizeIdentifier('138 0000 0001');
    expect(startAnswer(accountName, account)).toEqual({ phoneBound: true, maskedPhone: '138****0001' });
    expect(startAnswer(accountName, null)).toEqual({ phoneBound: true, maskedPhone: '138****0001' });
  });

  it('says when a real account has no bound phone', () => {
    expect(startAnswer(normalizeIdentifier('zhangsan'), noPhone)).toEqual({ phoneBound: false, maskedPhone: null });
  });
});

describe('ResetTickets', () => {
  const state = (browser: string): ResetTicketState => ({
    step: 'verify_identity',
    accountId: 'a1',
    identity: null,
    accountName: 'n1',
    browser: ResetTickets.browserDigest(browser),
    accountTypedCipher: 'sealed',
  });

  it('opens only for its own browser and its own step', async () => {
    const tickets = new ResetTickets(new MemoryKeyValueStore());
    const ticket = await tickets.issue(state('cookie-a'), 60);
    await expect(tickets.open(ticket, 'verify_identity', 'cookie-a')).resolves.toMatchObject({ state: { accountId: 'a1' } });
    await expect(tickets.open(ticket, 'verify_identity', 'cookie-b')).rejects.toMatchObject({ code: 'RESET_TICKET_OTHER_BROWSER' });
    await expect(tickets.open(ticket, 'verify_identity', '')).rejects.toMatchObject({ code: 'RESET_TICKET_OTHER_BROWSER' });
    await expect(tickets.open(ticket, 'set_password', 'cookie-a')).rejects.toMatchObject({ code: 'RESET_STEP_SKIPPED' });
    await expect(tickets.open('made-up', 'verify_identity', 'cookie-a')).rejects.toMatchObject({ code: 'RESET_TICKET_INVALID' });
  });

  it('is one-time even under concurrent use, and expires', async () => {
    let now = 1_000_000;
    const tickets = new ResetTickets(new MemoryKeyValueStore(), () => now);
    const ticket = await tickets.issue(state('c'), 60);
    const opened = await tickets.open(ticket, 'verify_identity', 'c');
    const results = await Promise.allSettled([tickets.consume(opened), tickets.consume(opened)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expect(tickets.open(ticket, 'verify_identity', 'c')).rejects.toMatchObject({ code: 'RESET_TICKET_INVALID' });

    const later = await tickets.issue(state('c'), 60);
    now += 61_000;
    await expect(tickets.open(later, 'verify_identity', 'c')).rejects.toMatchObject({ code: 'RESET_TICKET_INVALID' });
  });

  it('keeps no usable ticket in the store', async () => {
    const store = new MemoryKeyValueStore();
    const ticket = await new ResetTickets(store).issue(state('c'), 60);
    const keys = [...(store as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys.join(' ')).not.toContain(ticket);
  });
});
