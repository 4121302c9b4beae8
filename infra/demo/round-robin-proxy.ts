import net from 'node:net';

/**
 * start:cluster's front door (issue 12 §1): a TCP proxy on API_PORT that hands each new connection to the next API
 * instance in turn. An instance that refuses the connection (dead, restarting) is skipped for the next one, so a
 * client sees an instance's death only on the connections it had open with it.
 */
export type RoundRobinProxy = { port: number; close: () => Promise<void> };

export async function startRoundRobinProxy(
  listenPort: number,
  upstreams: number[],
  host = '127.0.0.1',
): Promise<RoundRobinProxy> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const attempt = (tries: number) => {
      const port = upstreams[next++ % upstreams.length];
      const upstream = net.connect({ port, host });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      const onError = () => {
        upstream.destroy();
        if (tries + 1 < upstreams.length && !client.destroyed) attempt(tries + 1);
        else client.destroy();
      };
      upstream.once('error', onError);
      upstream.once('connect', () => {
        upstream.off('error', onError);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
