import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The peer Node gateway, for `npm run bench` only: Hive Gateway's runtime on the same
 * supergraph (SUPERGRAPH_PATH, subgraph URLs pointing at the benchmark's subgraphs), with its
 * default settings, on a plain node:http server.
 */
const supergraph = readFileSync(process.env['SUPERGRAPH_PATH'] ?? 'supergraph.graphql', 'utf8');
const gateway = createGatewayRuntime({ supergraph, logging: 'warn' });
// The runtime answers node:http requests itself; its promise is its own business.
const server = createServer((request, response) => void gateway(request, response));
server.listen(Number(process.env['PORT'] ?? 4000), '127.0.0.1', () => process.stdout.write(`Hive Gateway on ${JSON.stringify(server.address())}\n`));
const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
