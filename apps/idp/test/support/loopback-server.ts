import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test's stand-in server (a vendor's API, a relying party, a provider) on 127.0.0.1. */
export interface LoopbackServer {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Ends kept-alive connections too: closing waits for none of a client's idle sockets. */
  close: () => Promise<void>;
}

/** Starts `server` on 127.0.0.1 at `port` (0: a free one). */
export async function listenOnLoopback(server: http.Server, port = 0): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
