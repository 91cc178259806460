import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import session from 'express-session';
import { buildSchema, graphql } from 'graphql';
import { readFileSync } from 'node:fs';

/**
 * The old design, rebuilt for `npm run bench` only, as the baseline shopgraph replaces: a server
 * that keeps every session in its own memory (express-session's MemoryStore), sign-in state
 * and the cart inside the session, and the catalog through the stock @apollo/gateway. A
 * replica that dies takes its sessions and carts with it; a proxy in front must be sticky.
 * It checks no password and keeps no database: it stands for the memory and the failure mode
 * of the design, not for a shop.
 */
declare module 'express-session' {
  interface SessionData {
    createdAt: number;
    userAgent: string;
    customerEmail?: string;
    cartLines: Record<string, number>;
  }
}

// The session operations the benchmark sends, answered from the session itself.
const LOCAL_OPERATIONS = new Set(['ChurnSignUp', 'ChurnAdd', 'ChurnRead']);
const localSchema = buildSchema(`
  type Query { viewer: Viewer! cart: Cart }
  type Viewer { isAuthenticated: Boolean! }
  type Cart { totalQuantity: Int! lines: [CartLine!]! }
  type CartLine { quantity: Int! variant: Variant! }
  type Variant { id: ID! }
  type Error { code: String! }
  input SignUpInput { email: String! password: String! name: String! transport: String }
  type SignUpPayload { sessionToken: String errors: [Error!]! }
  type AddPayload { cart: Cart errors: [Error!]! }
  type Mutation { signUp(input: SignUpInput!): SignUpPayload! addToCart(variantId: ID!, quantity: Int!): AddPayload! }
`);
type Session = session.Session & Partial<session.SessionData>;
const cartOf = (s: Session) => {
  const lines = Object.entries(s.cartLines ?? {}).map(([id, quantity]) => ({ quantity, variant: { id } }));
  return lines.length ? { totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0), lines } : null;
};
const rootValue = {
  viewer: (_: unknown, s: Session) => ({ isAuthenticated: s.customerEmail !== undefined }),
  cart: (_: unknown, s: Session) => cartOf(s),
  signUp: ({ input }: { input: { email: string } }, s: Session) => {
    s.customerEmail = input.email;
    return { sessionToken: null, errors: [] };
  },
  addToCart: ({ variantId, quantity }: { variantId: string; quantity: number }, s: Session) => {
    s.cartLines = { ...s.cartLines, [variantId]: (s.cartLines?.[variantId] ?? 0) + quantity };
    return { cart: cartOf(s), errors: [] };
  },
};

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(process.env['SUPERGRAPH_PATH'] ?? 'supergraph.graphql', 'utf8') }) });
await apollo.start();
const app = express();
app.get('/ready', (_request, response) => void response.status(stopping ? 503 : 200).json({ ready: !stopping }));
app.use(
  session({
    secret: process.env['BENCH_SESSION_SECRET'] ?? 'bench-only',
    resave: false,
    // As the old design did: every first visit gets a session, and the store keeps it.
    saveUninitialized: true,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);
app.use(express.json());
app.use('/graphql', (request, response, next) => {
  const s: Session = request.session;
  s.createdAt ??= Date.now();
  s.userAgent ??= request.headers['user-agent'] ?? '';
  s.cartLines ??= {};
  const body = request.body as { query?: string; variables?: Record<string, unknown>; operationName?: string } | undefined;
  if (!body?.operationName || !LOCAL_OPERATIONS.has(body.operationName)) return next();
  void graphql({ schema: localSchema, source: body.query ?? '', variableValues: body.variables ?? {}, rootValue, contextValue: s }).then((result) =>
    response.json(result),
  );
});
app.use('/graphql', expressMiddleware(apollo));

let stopping = false;
const server = app.listen(Number(process.env['PORT'] ?? 4000), '127.0.0.1');
const stop = () => {
  stopping = true;
  server.close(() => void apollo.stop().then(() => process.exit(0)));
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
