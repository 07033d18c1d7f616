/** A network printer on raw TCP (port 9100 by convention); two-way, so status can be read. */
import { connect, type Socket } from 'node:net';
import { StreamLink } from './link.js';

export function parseHostPort(address: string, defaultPort = 9100): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?(?::(\d{1,5}))?$/.exec(address.trim());
  if (!m) throw new Error(`not a host:port: ${address}`);
  const port = m[2] ? Number(m[2]) : defaultPort;
  if (port < 1 || port > 65535) throw new Error(`not a port: ${m[2]}`);
  return { host: m[1]!, port };
}

export function tcpLink(address: string, connectTimeoutMs = 3000): StreamLink {
  const { host, port } = parseHostPort(address);
  return new StreamLink(`tcp ${host}:${port}`, () => new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(connectTimeoutMs, () => socket.destroy(new Error('connect timeout')));
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  }));
}
