import type { App } from 'aws-cdk-lib';
import { fileURLToPath } from 'node:url';
import { NetworkStack } from './network-stack.js';
import { originAccessFrom } from './origin-access.js';
import { ServicesStack } from './services-stack.js';
import { sizingFor } from './sizing.js';
import { StatefulStack } from './stateful-stack.js';

/** The repository root: the Docker build context of every service image. */
export const BUILD_CONTEXT = fileURLToPath(new URL('../..', import.meta.url));
/** Used when neither the CDK CLI (from credentials) nor `-c account=/region=` say: synthesis needs no AWS account. */
export const PLACEHOLDER_ACCOUNT = '000000000000';
export const PLACEHOLDER_REGION = 'us-east-1';

export interface ShopgraphStacks {
  network: NetworkStack;
  stateful: StatefulStack;
  services: ServicesStack;
}

/**
 * The three stacks of one deployment, all chosen by context (`-c key=value` or cdk.json):
 * size (dev | prod), account, region, azs (two, comma-separated), domain + certificateArn
 * (CloudFront's own name, us-east-1 certificate), originDomain + originCertificateArn
 * (HTTPS from CloudFront to the ALB), publicLoadBalancer (an internet-facing ALB instead of
 * the VPC origin's internal one) and allowPlainHttpToOrigin (that public ALB over plain HTTP),
 * publicKeysParameter / checkoutPublicKeysParameter / catalogPublicKeysParameter /
 * identityPublicKeysParameter (the SSM parameters holding the public key sets), mailFrom
 * (the From of identity's emails, an SES-verified identity) and storefrontUrl (the origin
 * their links open; the shop's domain or CloudFront's by default).
 */
export function buildShopgraph(app: App, env: { account?: string | undefined; region?: string | undefined } = {}): ShopgraphStacks {
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  // `-c key=true` arrives as a string, a cdk.json entry as a boolean; anything else is a typo to stop on.
  const flag = (key: string): boolean => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined || value === false || value === 'false') return false;
    if (value === true || value === 'true') return true;
    throw new Error(`${key} must be true or false, got ${JSON.stringify(value)}`);
  };
  const sizing = sizingFor(context('size'));
  const account = context('account') ?? env.account ?? PLACEHOLDER_ACCOUNT;
  const region = context('region') ?? env.region ?? PLACEHOLDER_REGION;
  const azs = (context('azs') ?? `${region}a,${region}b`).split(',').map((zone) => zone.trim());
  if (azs.length !== 2) throw new Error(`azs must name two availability zones, got "${azs.join(',')}"`);
  const stackEnv = { account, region };
  // The zones are given, so the VPC's check of them needs no lookup in the account.
  const zonesKey = `availability-zones:account=${account}:region=${region}`;
  if (app.node.tryGetContext(zonesKey) === undefined) app.node.setContext(zonesKey, azs);
  const prefix = `Shopgraph-${sizing.name}`;
  const domain = context('domain');
  const certificateArn = context('certificateArn');
  const originDomain = context('originDomain');
  const originCertificateArn = context('originCertificateArn');
  if (Boolean(domain) !== Boolean(certificateArn)) throw new Error('domain and certificateArn go together');
  if (Boolean(originDomain) !== Boolean(originCertificateArn)) throw new Error('originDomain and originCertificateArn go together');
  const originAccess = originAccessFrom({
    tls: originDomain && originCertificateArn ? { domainName: originDomain, certificateArn: originCertificateArn } : undefined,
    publicLoadBalancer: flag('publicLoadBalancer'),
    allowPlainHttpToOrigin: flag('allowPlainHttpToOrigin'),
  });

  const network = new NetworkStack(app, `${prefix}-Network`, { env: stackEnv, sizing, availabilityZones: [azs[0]!, azs[1]!] });
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env: stackEnv, sizing, terminationProtection: true });
  const services = new ServicesStack(app, `${prefix}-Services`, {
    env: stackEnv,
    sizing,
    vpc: network.vpc,
    stateful,
    publicKeyParameterNames: {
      internalContext: context('publicKeysParameter') ?? `/shopgraph/${sizing.name}/internal-context-public-keys`,
      checkoutSigning: context('checkoutPublicKeysParameter') ?? `/shopgraph/${sizing.name}/checkout-signing-public-keys`,
      catalogSigning: context('catalogPublicKeysParameter') ?? `/shopgraph/${sizing.name}/catalog-signing-public-keys`,
      identitySigning: context('identityPublicKeysParameter') ?? `/shopgraph/${sizing.name}/identity-signing-public-keys`,
    },
    buildContext: BUILD_CONTEXT,
    domain: domain && certificateArn ? { names: domain.split(','), certificateArn } : undefined,
    originAccess,
    mail: {
      from: context('mailFrom') ?? `shopgraph <no-reply@${domain?.split(',')[0] ?? 'shopgraph.invalid'}>`,
      storefrontUrl: context('storefrontUrl'),
    },
  });
  return { network, stateful, services };
}
