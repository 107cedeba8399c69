import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a test's HTTP server on 127.0.0.1 at a free port and returns its port. Idle keep-alive
 * connections are kept longer than fetch's own (undici: 4 s), so the client always closes first:
 * with Node's default of 5 s a request sent on a connection the server is closing at that moment
 * fails with ECONNRESET, which a loaded machine makes likely.
 */
export async function listenOnLoopback(server: Server): Promise<number> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
