import { generateKeys, SERVICE_CALLS, tableDefinitions, type TableKey } from '@shopgraph/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES as CONFIGS, variablesRead } from '../../test/deploy/deploy-files.js';
import { SERVICE_SECRETS, serviceEnvironment, type DeploymentFacts } from '../lib/service-environment.js';
import { SERVICE_PORTS, SERVICES } from '../lib/services.js';

describe('each task’s environment', () => {
  let facts: DeploymentFacts;
  let secretValues: Record<string, string>;
  beforeAll(async () => {
    const keys = await generateKeys('infra');
    facts = {
      region: 'eu-west-1',
      tableNames: Object.fromEntries((Object.keys(tableDefinitions) as TableKey[]).map((key) => [key, `${tableDefinitions[key].defaultName}-dev`])) as Record<TableKey, string>,
      subgraphOrigin: (subgraph) => `http://${subgraph}:${SERVICE_PORTS[subgraph]}`,
      publicKeys: {
        internalContext: JSON.stringify(keys.internalContextPublicKeys),
        checkoutSigning: JSON.stringify(keys.checkoutSigningPublicKeys),
        catalogSigning: JSON.stringify(keys.catalogSigningPublicKeys),
        identitySigning: JSON.stringify(keys.identitySigningPublicKeys),
      },
      mail: { from: 'shopgraph <no-reply@shop.example.com>', storefrontUrl: 'https://shop.example.com' },
    };
    secretValues = {
      SESSION_KEYS: JSON.stringify(keys.sessionKeys),
      INTERNAL_CONTEXT_PRIVATE_KEY: JSON.stringify(keys.internalContextPrivateKey),
      CHECKOUT_SIGNING_KEY: JSON.stringify(keys.checkoutSigningPrivateKey),
      CATALOG_SIGNING_KEY: JSON.stringify(keys.catalogSigningPrivateKey),
      IDENTITY_SIGNING_KEY: JSON.stringify(keys.identitySigningPrivateKey),
      STRIPE_SECRET_KEY: 'sk_test_infrastructure',
      STRIPE_WEBHOOK_SECRET: 'whsec_infrastructure',
      REDIS_URL: 'rediss://:token@cache.example.internal:6380',
      SMTP_USERNAME: 'AKIAEXAMPLEEXAMPLE',
      SMTP_PASSWORD: 'smtp-password-example',
    };
  });
  const envOf = (service: (typeof SERVICES)[number]) => ({
    ...serviceEnvironment(service, facts),
    ...Object.fromEntries(Object.keys(SERVICE_SECRETS[service]).map((variable) => [variable, secretValues[variable]])),
  });

  it.each(SERVICES)('%s: satisfies its configuration schema, in production, on its port', (service) => {
    const config = CONFIGS[service].load(envOf(service));
    expect(config.development).toBe(false);
    expect(config.http.port).toBe(SERVICE_PORTS[service]);
  });

  it.each(SERVICES)('%s: sets only variables its configuration reads', (service) => {
    const known = variablesRead(service);
    expect(Object.keys(envOf(service)).filter((variable) => !known.has(variable))).toEqual([]);
  });

  it.each(SERVICES)('%s: points every URL it calls at the subgraph Service Connect names', (service) => {
    for (const [variable, { subgraph, path }] of Object.entries(SERVICE_CALLS[service])) {
      expect(envOf(service)[variable]).toBe(`http://${subgraph}:${SERVICE_PORTS[subgraph]}${path}`);
    }
  });

  it('identity reaches cart’s and checkout’s internal routes at their base URLs', () => {
    expect(CONFIGS.identity.load(envOf('identity')).peers).toMatchObject({ cartUrl: `http://cart:${SERVICE_PORTS.cart}`, checkoutUrl: `http://checkout:${SERVICE_PORTS.checkout}` });
  });

  it('checkout, cart and catalog get their peers’ base URLs, as every peer variable takes them', () => {
    const checkout = CONFIGS.checkout.load(envOf('checkout'));
    expect(checkout.cartUrl).toBe(`http://cart:${SERVICE_PORTS.cart}`);
    expect(checkout.catalogUrl).toBe(`http://catalog:${SERVICE_PORTS.catalog}`);
    expect(CONFIGS.cart.load(envOf('cart'))).toMatchObject({ catalogUrl: `http://catalog:${SERVICE_PORTS.catalog}`, checkoutUrl: `http://checkout:${SERVICE_PORTS.checkout}` });
    expect(CONFIGS.catalog.load(envOf('catalog')).checkoutUrl).toBe(`http://checkout:${SERVICE_PORTS.checkout}`);
  });

  it('each signing key reaches only its owner; the verifier gets the matching public set', () => {
    const holders = (variable: string) => SERVICES.filter((service) => variable in SERVICE_SECRETS[service]);
    expect(holders('CHECKOUT_SIGNING_KEY')).toEqual(['checkout']);
    expect(holders('CATALOG_SIGNING_KEY')).toEqual(['catalog']);
    expect(holders('IDENTITY_SIGNING_KEY')).toEqual(['identity']);
    expect(holders('INTERNAL_CONTEXT_PRIVATE_KEY')).toEqual(['gateway']);
    expect(envOf('cart')['CHECKOUT_SIGNING_PUBLIC_KEYS']).toBe(facts.publicKeys.checkoutSigning);
    expect(envOf('checkout')['CATALOG_SIGNING_PUBLIC_KEYS']).toBe(facts.publicKeys.catalogSigning);
    expect(envOf('cart')['IDENTITY_SIGNING_PUBLIC_KEYS']).toBe(facts.publicKeys.identitySigning);
    expect(envOf('checkout')['IDENTITY_SIGNING_PUBLIC_KEYS']).toBe(facts.publicKeys.identitySigning);
    for (const service of SERVICES) expect(Object.keys(serviceEnvironment(service, facts)).filter((variable) => /_SIGNING_KEY$|_PRIVATE_KEY$/.test(variable))).toEqual([]);
  });

  it('checkout takes real payments: Stripe, its two secrets from Secrets Manager, never the test provider', () => {
    expect(serviceEnvironment('checkout', facts)['PAYMENT_PROVIDER']).toBe('stripe');
    expect(serviceEnvironment('checkout', facts)['ALLOW_TEST_PAYMENTS']).toBeUndefined();
    expect(SERVICES.filter((service) => 'STRIPE_SECRET_KEY' in SERVICE_SECRETS[service])).toEqual(['checkout']);
    expect(SERVICES.filter((service) => 'STRIPE_WEBHOOK_SECRET' in SERVICE_SECRETS[service])).toEqual(['checkout']);
    expect(CONFIGS.checkout.load(envOf('checkout')).payments).toMatchObject({ provider: 'stripe' });
    // Control: without the provider's name, production refuses the test provider.
    const { PAYMENT_PROVIDER: _provider, ...withoutProvider } = envOf('checkout');
    expect(() => CONFIGS.checkout.load(withoutProvider)).toThrow(/PAYMENT_PROVIDER|ALLOW_TEST_PAYMENTS/);
  });

  it('checkout reaches identity’s internal routes at identity’s base URL, and identity verifies checkout’s key', () => {
    expect(CONFIGS.checkout.load(envOf('checkout')).identityUrl).toBe(`http://identity:${SERVICE_PORTS.identity}`);
    expect(envOf('identity')['CHECKOUT_SIGNING_PUBLIC_KEYS']).toBe(facts.publicKeys.checkoutSigning);
  });

  it('identity sends email through SES with STARTTLS required, its credentials from Secrets Manager only', () => {
    expect(CONFIGS.identity.load(envOf('identity')).mail).toEqual({
      from: facts.mail.from,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port: 587,
      tls: 'starttls',
      auth: { username: 'AKIAEXAMPLEEXAMPLE', password: 'smtp-password-example' },
      timeoutMs: 10_000,
    });
    expect(SERVICES.filter((service) => 'SMTP_PASSWORD' in SERVICE_SECRETS[service])).toEqual(['identity']);
    for (const service of SERVICES) expect(Object.keys(serviceEnvironment(service, facts))).not.toContain('SMTP_PASSWORD');
    // Control: production refuses email in the clear to anything but a loopback relay.
    expect(() => CONFIGS.identity.load({ ...envOf('identity'), SMTP_TLS: 'none' })).toThrow(/SMTP_TLS/);
  });

  it('subgraphs read their own table by name; the Redis URL is TLS', () => {
    expect(envOf('cart')['CART_TABLE']).toBe('shopgraph-cart-dev');
    expect(envOf('cart')['REDIS_URL']).toBeUndefined();
    expect(CONFIGS.identity.load(envOf('identity')).redisUrl).toMatch(/^rediss:\/\//);
  });

  it('control: a missing secret is refused by the same loader', () => {
    const { SESSION_KEYS: _dropped, ...rest } = envOf('identity');
    expect(() => CONFIGS.identity.load(rest)).toThrow(/SESSION_KEYS/);
    const { CHECKOUT_SIGNING_KEY: _key, ...checkoutRest } = envOf('checkout');
    expect(() => CONFIGS.checkout.load(checkoutRest)).toThrow(/CHECKOUT_SIGNING_KEY/);
  });
});
