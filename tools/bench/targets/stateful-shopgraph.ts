import { createLogger } from '@shopgraph/shared';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { request } from 'undici';
import { createGatewayServer, loadGatewayConfig } from '@shopgraph/gateway';

/**
 * shopgraph as the stateful design it replaces, for `npm run bench` only: the same gateway, in
 * the same process, behind a front that keeps every visitor's session in process memory as the
 * case's monolith did (a session map with the customer, the cart lines and a last-seen time,
 * found by a cookie), so a proxy in front must be sticky and a replica that dies takes its
 * sessions with it. The gateway runs unchanged on a loopback port; the front forwards each
 * request to it and keeps what the answers say about the visitor.
 */
interface StatefulSession {
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  customer?: { id: string; email: string; name: string };
  cartLines: { variantId: string; quantity: number }[];
}

const COOKIE = 'shop_sid';
const sessions = new Map<string, StatefulSession>();
const logger = createLogger({ service: 'stateful-shopgraph', level: process.env['LOG_LEVEL'] ?? 'warn' });
const gateway = await createGatewayServer({ config: loadGatewayConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' }), logger });
const { url: gatewayBase } = await gateway.start();

function sessionOf(incoming: IncomingMessage): { id: string; session: StatefulSession; isNew: boolean } {
  const id = /(?:^|;\s*)shop_sid=([\w-]+)/.exec(incoming.headers.cookie ?? '')?.[1];
  const known = id ? sessions.get(id) : undefined;
  if (id && known) return { id, session: known, isNew: false };
  const fresh = { id: randomBytes(18).toString('base64url'), session: { createdAt: Date.now(), lastSeenAt: Date.now(), userAgent: incoming.headers['user-agent'] ?? '', cartLines: [] }, isNew: true };
  sessions.set(fresh.id, fresh.session);
  return fresh;
}

/** Keeps what an answer says about the visitor: who signed in, what the cart holds. */
function remember(session: StatefulSession, body: string): void {
  if (!body.includes('"customer"') && !body.includes('"lines"')) return;
  const data = (JSON.parse(body) as { data?: Record<string, { customer?: StatefulSession['customer']; cart?: { lines?: { quantity: number; variant: { id: string } }[] } } | null> }).data ?? {};
  for (const payload of Object.values(data)) {
    if (payload?.customer) session.customer = { id: payload.customer.id, email: payload.customer.email, name: payload.customer.name };
    const lines = payload?.cart?.lines;
    if (lines) session.cartLines = lines.map((line) => ({ variantId: line.variant.id, quantity: line.quantity }));
  }
}

const front = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    const { id, session, isNew } = sessionOf(incoming);
    session.lastSeenAt = Date.now();
    const headers = Object.fromEntries(Object.entries(incoming.headers).filter(([name]) => !['host', 'connection', 'cookie'].includes(name))) as Record<string, string>;
    request(`${gatewayBase}${incoming.url ?? '/'}`, { method: incoming.method as 'GET' | 'POST', headers, body: chunks.length > 0 ? Buffer.concat(chunks) : null })
      .then(async (answer) => {
        const body = await answer.body.text();
        remember(session, body);
        const contentType = answer.headers['content-type'];
        outgoing.writeHead(answer.statusCode, {
          ...(contentType ? { 'content-type': String(contentType) } : {}),
          ...(isNew ? { 'set-cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` } : {}),
        });
        outgoing.end(body);
      })
      .catch((error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, 'the gateway did not answer');
        outgoing.writeHead(502).end();
      });
  });
});
front.listen(Number(process.env['PORT'] ?? 4000), '127.0.0.1');
process.once('SIGTERM', () => {
  front.close();
  void gateway.stop().then(() => process.exit(0));
});
