import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test can break in two ways: {@link TcpProxy.cut} (every connection
 * reset, new ones refused: a database that is down) and {@link TcpProxy.blackhole} (nothing forwarded any
 * more, yet no socket closed: a failover, or a NAT or firewall dropping the connections silently).
 */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection and refuses new ones until {@link TcpProxy.restore}. */
  cut(): void;
  /**
   * From now on the open connections forward nothing in either direction and stay open, and so do the
   * ones accepted until {@link TcpProxy.restore}: bytes and closes on either side never reach the other.
   * They stay dark for good (the NAT entry is gone), like a real blackhole.
   */
  blackhole(): void;
  /** New connections reach the target again. */
  restore(): void;
  /** Connections accepted so far (refused ones are not counted). */
  readonly accepted: () => number;
  /** Connections that are dark now (see {@link TcpProxy.blackhole}). */
  readonly dark: () => number;
  stop(): Promise<void>;
}

type Mode = 'open' | 'refuse' | 'blackhole';

/** A client socket and its upstream, forwarding until they go dark. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket | null;
  dark: boolean;
}

const darken = (pair: Pair): void => {
  pair.dark = true;
  if (pair.upstream) {
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    pair.upstream.pause();
  }
  pair.client.pause();
};

/**
 * Starts a proxy to `target` (e.g. PostgreSQL on 127.0.0.1:5432), so a test can make the database
 * disappear for one client without touching the server other programs use.
 *
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
 * proxy.blackhole(); // queries on open connections now never get an answer
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: Mode = 'open';
  let accepted = 0;
  const track = (pair: Pair, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    // While forwarding, a close on one side closes the other; a dark pair passes nothing on, closes included.
    socket.once('close', () => {
      if (!pair.dark) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      if (pair.client.destroyed && (pair.upstream?.destroyed ?? true)) pairs.delete(pair);
    });
  };
  const server = createServer((client) => {
    // A refused connection is reset at once, like a database that is down.
    if (mode === 'refuse') return void client.resetAndDestroy();
    accepted++;
    const dark = mode === 'blackhole';
    const pair: Pair = { client, upstream: dark ? null : createConnection(target), dark };
    pairs.add(pair);
    track(pair, client);
    if (pair.upstream) {
      track(pair, pair.upstream);
      client.pipe(pair.upstream);
      pair.upstream.pipe(client);
    } else client.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    port: address.port,
    cut() {
      mode = 'refuse';
      for (const { client, upstream } of pairs) {
        client.resetAndDestroy();
        upstream?.resetAndDestroy();
      }
    },
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) darken(pair);
    },
    restore() {
      mode = 'open';
    },
    accepted: () => accepted,
    dark: () => [...pairs].filter((pair) => pair.dark).length,
    async stop() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
