import { afterEach } from 'vitest';

/**
 * For a describe block of vendor adapter tests: returns `track`, which remembers a test server it
 * is handed and gives it back; every remembered server is closed after each test (closing one the
 * test already closed does no harm).
 */
export function closedAfterEach(): <T extends { close(): Promise<void> }>(server: T) => T {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return (server) => {
    open.push(server);
    return server;
  };
}
