import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP proxy on 127.0.0.1 that a test can cut (every connection dropped, new ones refused) and restore. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection and refuses new ones until {@link TcpProxy.restore}. */
  cut(): void;
  restore(): void;
  /** Connections accepted so far (refused ones are not counted). */
  readonly accepted: () => number;
  stop(): Promise<void>;
}

/**
 * Starts a proxy to `target` (e.g. PostgreSQL on 127.0.0.1:5432), so a test can make the database
 * disappear for one client without touching the server other programs use.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let open = true;
  let accepted = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    // A refused connection is reset at once, like a database that is down.
    if (!open) return void client.resetAndDestroy();
    accepted++;
    const upstream = createConnection(target);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    port: address.port,
    cut() {
      open = false;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore() {
      open = true;
    },
    accepted: () => accepted,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
