import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';

/**
 * The baseline a team starts from, for `npm run bench` only: the stock @apollo/gateway on the
 * same supergraph, behind Apollo's standalone server, with default settings. SUPERGRAPH_PATH
 * names a copy of supergraph.graphql whose subgraph URLs point at the benchmark's subgraphs.
 */
process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
const supergraphSdl = readFileSync(process.env['SUPERGRAPH_PATH'] ?? 'supergraph.graphql', 'utf8');
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 4000) } });
process.stdout.write(`stock @apollo/gateway on ${url}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
