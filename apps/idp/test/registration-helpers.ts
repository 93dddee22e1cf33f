import { randomBytes } from 'node:crypto';
import { Browser, randomPhone, randomResidentId } from './harness.ts';

export function newPerson() {
  return {
    name: '王小明',
    idType: 'resident_id',
    idNumber: randomResidentId(),
    phone: randomPhone(),
    username: `user_${randomBytes(4).toString('hex')}`,
    password: 'Secret#2026ok',
  };
}

export async function sendRegisterCode(browser: Browser, phone: string) {
  return browser.json('/api/sms/send', { json: { phone, purpose: 'register', ...(await browser.solvedCaptcha()) } });
}

/** Registers a new citizen through the public API, as the 立即注册 page does. */
export async function registerCitizen(browser: Browser, person = newPerson()) {
  const sent = await sendRegisterCode(browser, person.phone);
  if (sent.status !== 200) throw new Error(`sms send failed: ${JSON.stringify(sent.body)}`);
  const smsCode = await browser.latestSmsCode(person.phone);
  const { status, body } = await browser.json('/api/register', { json: { ...person, smsCode, agreeTerms: true } });
  if (status !== 201) throw new Error(`registration failed: ${JSON.stringify(body)}`);
  return person;
}
