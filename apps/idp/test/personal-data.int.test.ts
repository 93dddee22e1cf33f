import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestPlatform, type TestPlatform } from './harness.ts';
import { registerCitizen } from './registration-helpers.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.stop());

describe('personal data at rest', () => {
  it('stores name, ID number and phone only encrypted, and passwords only as Argon2id', async () => {
    const person = await registerCitizen(new Browser(t.baseUrl));
    const rows = await t.platform.database.selectFrom('accounts').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const clear of [person.name, person.idNumber, person.phone, person.password, '张三', '11010519491231002X', '13800000001']) {
      expect(dump).not.toContain(clear);
    }
    const row = rows.find((r) => r.username === person.username)!;
    expect(row.name_cipher).toMatch(/^v1\./);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const audit = JSON.stringify(await t.platform.audit.recent(200));
    expect(audit).not.toContain(person.phone);
    expect(audit).not.toContain(person.idNumber);
  });
});
