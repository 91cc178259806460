import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A stand-in for checkout's webhook route: records every delivery and answers `status()`. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status a delivery with this body gets; 200 unless a test says otherwise. */
  status: (body: string) => number;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'stop'> = { received: [], status: () => 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.received.push({ body, headers: req.headers });
      res.writeHead(receiver.status(body)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/webhooks/payments`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
