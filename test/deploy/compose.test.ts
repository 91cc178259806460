import { generateKeys, SERVICE_CALLS, serviceCallEnvironment } from '@shopgraph/shared';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keyVariables } from '../../tools/keys/key-files.js';
import { SERVICE_KEY_VARIABLES } from '../../tools/keys/service-keys.js';
import { REPO_ROOT, SERVICES, dockerStages, effectiveLines, readRepoFile, variablesRead, type ServiceName } from './deploy-files.js';

interface ComposeService {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}

const compose = parse(readRepoFile('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const stages = dockerStages(readRepoFile('Dockerfile'));
const haproxyConfig = readRepoFile('deploy/haproxy/haproxy.cfg');

/** The compose service's image target as a service name: gateway-1 and gateway-2 are both the gateway. */
const serviceOf = (composeName: string): ServiceName | undefined => {
  const target = services[composeName]?.build?.target;
  return target && target in SERVICES ? (target as ServiceName) : undefined;
};
const appServices = Object.keys(services).filter((name) => serviceOf(name));
/** PORT the image sets with ENV, which compose may override. */
const imagePort = (service: ServiceName) => /^ENV PORT=(\d+)$/m.exec(effectiveLines(stages, service).join('\n'))?.[1];
const portOf = (composeName: string) => services[composeName]!.environment?.['PORT'] ?? imagePort(serviceOf(composeName)!);

describe('docker-compose.yml', () => {
  let substituted: Record<string, string>;
  beforeAll(async () => {
    // What `npm run keys:generate -- --compose-env .env` provides to compose's ${...} references.
    substituted = keyVariables(await generateKeys('compose'));
  });
  const resolve = (value: string) =>
    value.replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_, name: string) => {
      const known = substituted[name];
      if (known === undefined) throw new Error(`compose references \${${name}}, which keys:generate does not write`);
      return known;
    });

  it('runs every service, four subgraphs, two gateway replicas, DynamoDB Local, Redis, the bootstrap and the proxy', () => {
    expect(appServices.map(serviceOf).sort()).toEqual(['cart', 'catalog', 'checkout', 'gateway', 'gateway', 'identity']);
    expect(services['dynamodb']?.image).toMatch(/^amazon\/dynamodb-local:/);
    expect(services['redis']?.image).toMatch(/^redis:/);
    expect(services['bootstrap']?.build?.target).toBe('tools');
    expect(services['proxy']?.image).toMatch(/^haproxy:/);
  });

  it.each(Object.keys(services).filter((name) => services[name]!.build))('%s builds a target the Dockerfile has', (name) => {
    expect(stages.map((stage) => stage.name)).toContain(services[name]!.build!.target);
  });

  it.each(appServices)('%s: its environment (with the image’s) satisfies its configuration schema', (name) => {
    const service = serviceOf(name)!;
    const env = Object.fromEntries(Object.entries(services[name]!.environment ?? {}).map(([key, value]) => [key, resolve(String(value))]));
    const config = SERVICES[service].load({ NODE_ENV: 'production', PORT: imagePort(service), ...env });
    expect(config.development).toBe(false);
    expect(config.http.port).toBe(Number(portOf(name)));
  });

  it.each(appServices)('%s: sets only variables its configuration reads', (name) => {
    const known = variablesRead(serviceOf(name)!);
    const unknown = Object.keys(services[name]!.environment ?? {}).filter((key) => !known.has(key));
    expect(unknown).toEqual([]);
  });

  it('control: a misspelt or missing variable is caught by the same checks', () => {
    expect(variablesRead('cart').has('CATALOG_URL')).toBe(true);
    expect(variablesRead('cart').has('CATALOG_ULR')).toBe(false);
    const env = Object.fromEntries(Object.entries(services['identity']!.environment ?? {}).map(([key, value]) => [key, resolve(String(value))]));
    expect(() => SERVICES.identity.load(env)).not.toThrow();
    expect(() => SERVICES.identity.load({ ...env, SESSION_KEYS: undefined })).toThrow(/SESSION_KEYS/);
  });

  it('every service URL names a compose service and the port that service listens on', () => {
    // A base URL (checkout's CART_URL) has no path after the port.
    const urls = appServices.flatMap((name) => Object.values(services[name]!.environment ?? {}).flatMap((value) => [...String(value).matchAll(/^https?:\/\/([a-z0-9-]+):(\d+)(?:\/|$)/g)]));
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const [, host, port] of urls) {
      if (host === 'dynamodb') {
        expect(port).toBe('8000');
        continue;
      }
      expect(services, `${host}`).toHaveProperty([host!]);
      expect(portOf(host!), `${host}:${port}`).toBe(port);
    }
  });

  it.each(appServices)('%s: gets exactly the key variables the local stacks give it', (name) => {
    const keyed = Object.keys(services[name]!.environment ?? {}).filter((key) => key in substituted);
    expect(keyed.sort()).toEqual([...SERVICE_KEY_VARIABLES[serviceOf(name)!]].sort());
  });

  it('each private key reaches only its owner: the gateway, checkout, catalog, identity', () => {
    const holders = (variable: string) => appServices.filter((name) => variable in (services[name]!.environment ?? {})).map(serviceOf);
    expect(holders('INTERNAL_CONTEXT_PRIVATE_KEY')).toEqual(['gateway', 'gateway']);
    expect(holders('CHECKOUT_SIGNING_KEY')).toEqual(['checkout']);
    expect(holders('CATALOG_SIGNING_KEY')).toEqual(['catalog']);
    expect(holders('CHECKOUT_SIGNING_PUBLIC_KEYS')).toEqual(['cart', 'identity']);
    expect(holders('CATALOG_SIGNING_PUBLIC_KEYS')).toEqual(['checkout']);
    expect(holders('IDENTITY_SIGNING_KEY')).toEqual(['identity']);
    expect(holders('IDENTITY_SIGNING_PUBLIC_KEYS')).toEqual(['cart', 'checkout']);
  });

  it.each(appServices)('%s: calls exactly the services SERVICE_CALLS says, each at the URL its config expects', (name) => {
    const environment = services[name]!.environment ?? {};
    const service = serviceOf(name)!;
    const peerVariables = Object.keys(environment).filter((key) => /^http:\/\/(catalog|cart|checkout|identity):/.test(String(environment[key])));
    expect(peerVariables.sort()).toEqual(Object.keys(SERVICE_CALLS[service]).sort());
    expect(Object.fromEntries(peerVariables.map((key) => [key, environment[key]]))).toEqual(serviceCallEnvironment(service, (subgraph) => `http://${subgraph}:${portOf(subgraph)}`));
  });

  it('checkout reaches cart’s internal routes at cart’s base URL', () => {
    const env = Object.fromEntries(Object.entries(services['checkout']!.environment ?? {}).map(([key, value]) => [key, resolve(String(value))]));
    expect(SERVICES.checkout.load(env).cartUrl).toBe(`http://cart:${portOf('cart')}`);
  });

  it('checkout reaches identity’s internal routes at identity’s base URL', () => {
    const env = Object.fromEntries(Object.entries(services['checkout']!.environment ?? {}).map(([key, value]) => [key, resolve(String(value))]));
    expect(SERVICES.checkout.load(env).identityUrl).toBe(`http://identity:${portOf('identity')}`);
  });

  it('identity reaches cart’s and checkout’s internal routes at their base URLs', () => {
    const env = Object.fromEntries(Object.entries(services['identity']!.environment ?? {}).map(([key, value]) => [key, resolve(String(value))]));
    const { peers } = SERVICES.identity.load(env);
    expect(peers).toMatchObject({ cartUrl: `http://cart:${portOf('cart')}`, checkoutUrl: `http://checkout:${portOf('checkout')}` });
  });

  it('the gateways reach each subgraph by its own name', () => {
    for (const gateway of appServices.filter((name) => serviceOf(name) === 'gateway')) {
      for (const subgraph of ['catalog', 'cart', 'checkout', 'identity']) {
        expect(services[gateway]!.environment?.[`SUBGRAPH_URL_${subgraph.toUpperCase()}`]).toBe(`http://${subgraph}:${portOf(subgraph)}/graphql`);
      }
    }
  });

  it.each(appServices)('%s: its health check asks its own port for /ready, an endpoint every service serves', (name) => {
    const test = services[name]!.healthcheck?.test.join(' ') ?? '';
    expect(test).toContain(`http://127.0.0.1:${portOf(name)}/ready`);
    expect(readRepoFile('shared/src/http/service-server.ts')).toContain("app.get('/ready'");
  });

  it('depends_on names real services, waits for health only where a health check exists, and for the bootstrap to finish', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services, `${name} -> ${dependency}`).toHaveProperty([dependency]);
        if (condition === 'service_healthy') expect(services[dependency]!.healthcheck, `${dependency} has a health check`).toBeDefined();
        else expect(condition).toBe('service_completed_successfully');
      }
    }
    for (const name of appServices.filter((candidate) => serviceOf(candidate) !== 'gateway')) {
      expect(services[name]!.depends_on?.['bootstrap']?.condition).toBe('service_completed_successfully');
    }
    expect(Object.keys(services['proxy']!.depends_on ?? {}).sort()).toEqual(['gateway-1', 'gateway-2']);
  });

  it('publishes only the proxy, on the port the quick start uses', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name, service]) => [name, service.ports])).toEqual([['proxy', ['4000:4000']]]);
  });

  it('the proxy mounts the HAProxy config in the repository and points it at every gateway replica', () => {
    const mount = services['proxy']!.volumes?.[0]?.split(':') ?? [];
    expect(mount[0]).toBe('./deploy/haproxy/haproxy.cfg');
    expect(existsSync(`${REPO_ROOT}/${mount[0]}`)).toBe(true);
    const env = services['proxy']!.environment ?? {};
    const gateways = appServices.filter((name) => serviceOf(name) === 'gateway');
    const addressVariables = [...haproxyConfig.matchAll(/^\s*server\s+\S+\s+"\$\{([A-Z0-9_]+)\}"/gm)].map((match) => match[1]!);
    expect(addressVariables.map((variable) => env[variable]).sort()).toEqual(gateways.map((name) => `${name}:${portOf(name)}`).sort());
    expect(env['PROXY_BIND']).toBe(':4000');
  });
});

describe('the HAProxy config', () => {
  const directives = haproxyConfig.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);

  it('balances round-robin with no stickiness of any kind', () => {
    expect(directives).toContain('balance roundrobin');
    const sticky = directives.filter((line) => /^(cookie|stick|stick-table|appsession|hash-type|persist)\b|^balance\s+(?!roundrobin)|\bcookie\s/.test(line));
    expect(sticky).toEqual([]);
  });

  it('control: the stickiness check catches a cookie or a source balance', () => {
    const sticky = (line: string) => /^(cookie|stick|stick-table|appsession|hash-type|persist)\b|^balance\s+(?!roundrobin)|\bcookie\s/.test(line);
    expect(['cookie SERVERID insert indirect', 'balance source', 'stick on src', 'server a 1.2.3.4:1 cookie a'].every(sticky)).toBe(true);
  });

  it('resolves the replicas again at run time, so one restarted on a new address rejoins', () => {
    expect(directives).toContain('resolvers system');
    expect(directives).toContain('parse-resolv-conf');
    const defaults = directives.find((line) => line.startsWith('default-server'));
    expect(defaults).toMatch(/\bresolvers system\b/);
    expect(defaults).toMatch(/\binit-addr [a-z,]*\bnone\b/);
  });

  it('takes a replica out of rotation when its /ready fails', () => {
    expect(directives).toContain('option httpchk GET /ready');
    expect(directives).toContain('http-check expect status 200');
    expect(directives.some((line) => /^default-server\b.*\bcheck\b/.test(line))).toBe(true);
  });
});
