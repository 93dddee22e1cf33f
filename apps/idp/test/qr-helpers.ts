import type { Browser } from './harness.ts';
import { EventStreamReader } from './support/event-stream-reader.ts';

export const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

export interface QrChallenge {
  id: string;
  qrUrl: string;
  image: string;
  expiresIn: number;
}

/** The PC page's 扫码登录 calls, in the browser that holds the login interaction. */
export const pcQr = {
  create: (pc: Browser, uid: string) => pc.json<QrChallenge>(`/interaction/${uid}/qr`, { json: {}, headers: { 'user-agent': WINDOWS_CHROME } }),

  /** The status stream; `events` is null when the server answered with an error instead. */
  async events(pc: Browser, uid: string, id: string) {
    const response = await pc.request(`/interaction/${uid}/qr/${id}/events`, { headers: { accept: 'text/event-stream' } });
    return { response, events: response.status === 200 ? new EventStreamReader(response) : null };
  },

  complete: (pc: Browser, uid: string, id: string) => pc.json(`/interaction/${uid}/qr/${id}/complete`, { json: {} }),
};

/** The app's 扫码登录 calls, in a phone browser holding the `uia_app` cookie. */
export const appQr = {
  scan: (phone: Browser, id: string) => phone.json(`/app/api/qr/${id}/scan`, { json: {} }),
  confirm: (phone: Browser, id: string) => phone.json(`/app/api/qr/${id}/confirm`, { json: {} }),
  cancel: (phone: Browser, id: string) => phone.json(`/app/api/qr/${id}/cancel`, { json: {} }),
};
