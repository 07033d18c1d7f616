/** A stand-in for alerts.in.ua on loopback: answers the IoT status of one uid as the test sets it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlertsServer {
  url: string;
  /** What the next requests get: a status body, or an HTTP status with a raw body. */
  answer: { status: number; body: string };
  requests: { path: string; auth: string | undefined }[];
  close(): Promise<void>;
}

export async function startAlertsServer(): Promise<AlertsServer> {
  const state: AlertsServer = {
    url: '',
    answer: { status: 200, body: '"N"' },
    requests: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    state.requests.push({ path: req.url ?? '', auth: req.headers.authorization });
    res.writeHead(state.answer.status, { 'content-type': 'application/json' });
    res.end(state.answer.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => server.close(() => r()));
  return state;
}
