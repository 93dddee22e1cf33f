import http from 'node:http';
import { expect } from 'vitest';
import { listenOnLoopback } from './support/loopback-server.ts';

// A relying party's server as the platform's back-channel logout reaches it (the demo RP registered at its URL).

export interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

/** Stands in for the demo RP's server: records every request, answers 200. */
export async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, received, close };
}

/** The Logout Token of a received back-channel logout request (checked to be one). */
export function logoutTokenOf(request: Received): string {
  expect(request.method).toBe('POST');
  expect(request.path).toBe('/backchannel-logout');
  expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  const params = new URLSearchParams(request.body);
  expect([...params.keys()]).toEqual(['logout_token']);
  return params.get('logout_token')!;
}
