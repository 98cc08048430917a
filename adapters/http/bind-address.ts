import { createServer, type Server } from 'node:net';

/** An address this process listens on already, for an HTTP server to take over (HttpServer.listen). */
export interface BoundAddress {
  readonly host: string;
  readonly port: number;
  /** The listening socket's server: an HTTP server listens on its handle. */
  readonly server: Server;
}

/**
 * Listens on `host:port` now, before the rest of a start: an address that cannot be had (in use,
 * not this machine's, a port this user may not take) refuses the start before anything else is
 * done, and no other process takes the port meanwhile. Until an HTTP server takes it over, a
 * connection is closed at once, as nothing answers there yet.
 * @throws the listen error (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`, `ENOTFOUND`, …), as
 * `server.listen` gives it.
 */
export function bindAddress(port: number, host: string): Promise<BoundAddress> {
  const server = createServer({ pauseOnConnect: true }, (socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({ host, port: typeof address === 'object' && address ? address.port : port, server });
    });
  });
}
