import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryKeyValueStore } from '../../adapters/key-value/memory-key-value-store.ts';
import { newAccountRecord } from '../accounts/new-account.ts';
import { PiiCipher } from '../personal-data/pii-cipher.ts';
import { decoyMaskedPhone } from './decoy-phone.ts';
import { matchesAccountIdNumber } from './match-id-number.ts';
import { ResetTickets, type ResetTicketState } from './reset-tickets.ts';

const cipher = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
const account = newAccountRecord(cipher, {
  name: '张三',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800000001',
  username: 'zhangsan',
  passwordHash: 'x',
  assuranceLevel: 'L2',
});

const identity = { idType: account.idType, idNumberIndex: account.idNumberIndex };

describe('matchesAccountIdNumber', () => {
  it('matches the account\'s own number as people type it', () => {
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

describe('decoyMaskedPhone', () => {
  it('is stable for one name, differs between names, and looks like a masked mainland number', () => {
    const first = decoyMaskedPhone(cipher, { kind: 'username', value: 'nobody' });
    expect(first).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
    expect(decoyMaskedPhone(cipher, { kind: 'username', value: 'nobody' })).toBe(first);
    const others = new Set(['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((value) => decoyMaskedPhone(cipher, { kind: 'username', value })));
    expect(others.size).toBeGreaterThan(1);
  });

  it('shows a typed phone number\'s own mask, as a real account found by phone would', () => {
    expect(decoyMaskedPhone(cipher, { kind: 'phone', value: '13912345678' })).toBe('139****5678');
  });

  it('depends on the key: another deployment shows other decoys', () => {
    const other = new PiiCipher([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
    const names = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const mine = names.map((value) => decoyMaskedPhone(cipher, { kind: 'username', value }));
    const theirs = names.map((value) => decoyMaskedPhone(other, { kind: 'username', value }));
    expect(mine).not.toEqual(theirs);
  });
});

describe('ResetTickets', () => {
  const state = (browser: string): ResetTicketState => ({ step: 'verify_identity', accountId: 'a1', identity: null, accountName: 'n1', browser: ResetTickets.browserDigest(browser) });

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
