import { tableDefinitions } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { HEADER_IDEMPOTENCY_KEY } from '@shopgraph/shared';
import { CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST } from '../lib/cloudfront-origin-facing.js';
import { WEBHOOK_FORWARDED_HEADERS } from '../lib/cdn-policies.js';
import { DEREGISTRATION_DELAY_SECONDS, ORIGIN_SECRET_HEADER, WEBHOOK_PATH_PATTERN, WEBHOOK_SERVICE } from '../lib/edge.js';
import { STOP_TIMEOUT_SECONDS } from '../lib/fargate-service.js';
import { REDIS_ENGINE } from '../lib/redis-cache.js';
import { DYNAMODB_ACCESS, kmsActionsFor } from '../lib/service-access.js';
import { ALB_IDLE_TIMEOUT_SECONDS, KEEP_ALIVE_TIMEOUT_MS, SERVICE_SECRETS, SHUTDOWN_TIMEOUT_MS } from '../lib/service-environment.js';
import { callersOf } from '../lib/service-network.js';
import { SERVICE_PORTS, SERVICES, SUBGRAPHS, type ServiceName } from '../lib/services.js';
import { SIZES } from '../lib/sizing.js';
import { logicalId, resourcesOf, synthesize } from './synthesize.js';

const dev = synthesize();
const prod = synthesize({ size: 'prod' });
const { stacks, services: template } = dev;
const resources = (type: string) => resourcesOf(template, type);
const one = (type: string) => {
  const found = Object.values(resources(type));
  expect(found).toHaveLength(1);
  return found[0]!.Properties!;
};
type Attribute = { Key: string; Value: string };
type Container = { Name: string; Environment: { Name: string; Value: unknown }[]; Secrets?: { Name: string; ValueFrom: unknown }[]; StopTimeout: number; PortMappings: { ContainerPort: number }[] };
const containerOf = (service: ServiceName): Container => {
  const task = resources('AWS::ECS::TaskDefinition')[logicalId(stacks.services.services[service].node.findChild('Task'))]!;
  return (task.Properties!['ContainerDefinitions'] as Container[])[0]!;
};
const securityGroupId = (service: ServiceName) => logicalId(stacks.services.services[service].securityGroup);
const ingressTo = (groupId: string) =>
  Object.values(resources('AWS::EC2::SecurityGroupIngress'))
    .map((rule) => rule.Properties!)
    .filter((rule) => JSON.stringify(rule['GroupId']) === JSON.stringify({ 'Fn::GetAtt': [groupId, 'GroupId'] }));
const sourceOf = (rule: Record<string, unknown>) => (rule['SourceSecurityGroupId'] as { 'Fn::GetAtt': [string, string] } | undefined)?.['Fn::GetAtt'][0] ?? rule['CidrIp'];
/** Every ingress rule of a template: the separate ones and those written inline in a security group. */
const allIngress = (synthesized: typeof template) => [
  ...Object.values(resourcesOf(synthesized, 'AWS::EC2::SecurityGroupIngress')).map((rule) => rule.Properties!),
  ...Object.values(resourcesOf(synthesized, 'AWS::EC2::SecurityGroup')).flatMap((group) => (group.Properties!['SecurityGroupIngress'] as Record<string, unknown>[] | undefined) ?? []),
];
const opensToTheInternet = (rule: Record<string, unknown>) => rule['CidrIp'] === '0.0.0.0/0' || rule['CidrIpv6'] === '::/0';

type ListenerRule = { Priority: number; Actions: { TargetGroupArn: unknown }[]; Conditions: { Field: string; HttpHeaderConfig?: { HttpHeaderName: string; Values: unknown[] }; PathPatternConfig?: { Values: string[] } }[] };
const listenerRules = () => Object.values(resources('AWS::ElasticLoadBalancingV2::ListenerRule')).map((rule) => rule.Properties as unknown as ListenerRule);
const ruleTo = (targetGroupId: string) => listenerRules().find((rule) => JSON.stringify(rule.Actions) === JSON.stringify([{ TargetGroupArn: { Ref: targetGroupId }, Type: 'forward' }]));
type Behavior = { PathPattern?: string; TargetOriginId: string; CachePolicyId: unknown; OriginRequestPolicyId?: unknown; ViewerProtocolPolicy: string; AllowedMethods?: string[] };
const distributionConfig = () => one('AWS::CloudFront::Distribution')['DistributionConfig'] as { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[] };
const originRequestPolicyOf = (behavior: Behavior) =>
  resources('AWS::CloudFront::OriginRequestPolicy')[(behavior.OriginRequestPolicyId as { Ref: string }).Ref]!.Properties!['OriginRequestPolicyConfig'] as { CookiesConfig: { CookieBehavior: string }; QueryStringsConfig: { QueryStringBehavior: string }; HeadersConfig: { HeaderBehavior: string; Headers: string[] } };

describe('the way in: ALB', () => {
  const targetGroupIds = () => [logicalId(stacks.services.edge.targetGroup), logicalId(stacks.services.edge.webhookTargetGroup)];
  const targetGroup = () => resources('AWS::ElasticLoadBalancingV2::TargetGroup')[logicalId(stacks.services.edge.targetGroup)]!.Properties!;

  it('is internal, in the private subnets, with CloudFront reaching it through a VPC origin over the ALB’s HTTP listener', () => {
    const loadBalancer = one('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(loadBalancer['Scheme']).toBe('internal');
    const subnets = JSON.stringify(loadBalancer['Subnets']);
    expect(subnets).toContain('privateSubnet');
    expect(subnets).not.toContain('publicSubnet');
    const albId = logicalId(stacks.services.edge.loadBalancer);
    const [vpcOriginId, vpcOrigin] = Object.entries(resources('AWS::CloudFront::VpcOrigin'))[0] ?? [];
    expect(vpcOrigin?.Properties!['VpcOriginEndpointConfig']).toMatchObject({ Arn: { Ref: albId }, OriginProtocolPolicy: 'http-only' });
    const distribution = one('AWS::CloudFront::Distribution')['DistributionConfig'] as { DefaultCacheBehavior: { TargetOriginId: string }; Origins: { Id: string; VpcOriginConfig?: { VpcOriginId: unknown }; CustomOriginConfig?: unknown }[] };
    const graphqlOrigin = distribution.Origins.find((origin) => origin.Id === distribution.DefaultCacheBehavior.TargetOriginId)!;
    expect(graphqlOrigin.VpcOriginConfig?.VpcOriginId).toEqual({ 'Fn::GetAtt': [vpcOriginId, 'Id'] });
    expect(graphqlOrigin.CustomOriginConfig).toBeUndefined();
    expect(one('AWS::ElasticLoadBalancingV2::Listener')).toMatchObject({ Port: 80, Protocol: 'HTTP' });
  });

  it('admits only CloudFront’s origin-facing prefix list, looked up at deploy time, on the listener’s port', () => {
    const albGroupId = logicalId(stacks.services.edge.securityGroup);
    const rules = allIngress(template).filter((rule) => JSON.stringify(rule['GroupId']) === JSON.stringify({ 'Fn::GetAtt': [albGroupId, 'GroupId'] }));
    const lookupId = logicalId(stacks.services.edge.node.findChild('CloudFrontOriginFacing').node.findChild('Lookup'));
    expect(rules).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourcePrefixListId: { 'Fn::GetAtt': [lookupId, 'PrefixLists.0.PrefixListId'] } })]);
    const lookup = resources('Custom::AWS')[lookupId]!.Properties!;
    for (const call of ['Create', 'Update']) {
      expect(JSON.parse(lookup[call] as string)).toMatchObject({ action: 'describeManagedPrefixLists', parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST] }] } });
    }
  });

  it('no security group in the deployment is open to 0.0.0.0/0 or ::/0', () => {
    expect(allIngress(template).length).toBeGreaterThan(0);
    expect(allIngress(template).filter(opensToTheInternet)).toEqual([]);
    expect(allIngress(prod.services).filter(opensToTheInternet)).toEqual([]);
  });

  it('control: the check above catches an address range open to all', () => {
    expect(opensToTheInternet({ CidrIp: '0.0.0.0/0' })).toBe(true);
    expect(opensToTheInternet({ CidrIpv6: '::/0' })).toBe(true);
    expect(opensToTheInternet({ CidrIp: '10.0.0.0/16' })).toBe(false);
  });

  it('has stickiness disabled and balances round-robin', () => {
    expect(Object.keys(resources('AWS::ElasticLoadBalancingV2::TargetGroup')).sort()).toEqual(targetGroupIds().sort());
    for (const id of targetGroupIds()) {
      const attributes = resources('AWS::ElasticLoadBalancingV2::TargetGroup')[id]!.Properties!['TargetGroupAttributes'] as Attribute[];
      expect(attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' });
      expect(attributes).toContainEqual({ Key: 'load_balancing.algorithm.type', Value: 'round_robin' });
      expect(attributes.filter((attribute) => attribute.Key.startsWith('stickiness.') && attribute.Key !== 'stickiness.enabled')).toEqual([]);
    }
  });

  it('checks health on /ready, the endpoint that turns 503 while a task drains', () => {
    expect(targetGroup()).toMatchObject({ HealthCheckPath: '/ready', Matcher: { HttpCode: '200' }, Port: SERVICE_PORTS.gateway, TargetType: 'ip' });
  });

  it('lets a target drain for less than the task’s stopTimeout, which outlasts the service’s own shutdown budget', () => {
    const attributes = targetGroup()['TargetGroupAttributes'] as Attribute[];
    expect(attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: String(DEREGISTRATION_DELAY_SECONDS) });
    expect(containerOf('gateway').StopTimeout).toBe(STOP_TIMEOUT_SECONDS);
    expect(DEREGISTRATION_DELAY_SECONDS).toBeLessThan(STOP_TIMEOUT_SECONDS);
    expect(SHUTDOWN_TIMEOUT_MS / 1000).toBeLessThan(STOP_TIMEOUT_SECONDS);
  });

  it('closes idle connections before the servers do (idle timeout below the keep-alive timeout)', () => {
    const attributes = one('AWS::ElasticLoadBalancingV2::LoadBalancer')['LoadBalancerAttributes'] as Attribute[];
    expect(attributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: String(ALB_IDLE_TIMEOUT_SECONDS) });
    for (const service of SERVICES) {
      const keepAlive = containerOf(service).Environment.find((variable) => variable.Name === 'KEEP_ALIVE_TIMEOUT_MS')?.Value;
      expect(Number(keepAlive)).toBe(KEEP_ALIVE_TIMEOUT_MS);
    }
    expect(ALB_IDLE_TIMEOUT_SECONDS * 1000).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('answers 403 unless the request carries CloudFront’s origin secret, which CloudFront sends', () => {
    const listener = one('AWS::ElasticLoadBalancingV2::Listener');
    const actions = listener['DefaultActions'] as { Type: string; FixedResponseConfig?: { StatusCode: string } }[];
    expect(actions.map((action) => [action.Type, action.FixedResponseConfig?.StatusCode])).toEqual([['fixed-response', '403']]);
    const secretId = logicalId(stacks.services.edge.node.findChild('OriginSecret'));
    expect(listenerRules()).toHaveLength(2);
    for (const rule of listenerRules()) {
      const condition = rule.Conditions.find((candidate) => candidate.Field === 'http-header')!;
      expect(condition.HttpHeaderConfig!.HttpHeaderName).toBe(ORIGIN_SECRET_HEADER);
      expect(JSON.stringify(condition.HttpHeaderConfig!.Values)).toContain(secretId);
    }
    expect(ruleTo(logicalId(stacks.services.edge.targetGroup))?.Conditions.map((condition) => condition.Field)).toEqual(['http-header']);
    const origin = ((one('AWS::CloudFront::Distribution')['DistributionConfig'] as { Origins: { OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[] }).Origins).find((candidate) => candidate.OriginCustomHeaders);
    expect(origin?.OriginCustomHeaders?.[0]?.HeaderName).toBe(ORIGIN_SECRET_HEADER);
    expect(JSON.stringify(origin?.OriginCustomHeaders?.[0]?.HeaderValue)).toContain(secretId);
  });
});

describe('CloudFront', () => {
  const config = () => one('AWS::CloudFront::Distribution')['DistributionConfig'] as Record<string, Record<string, unknown>>;

  it('redirects HTTP to HTTPS and passes every method of /graphql to the ALB', () => {
    const behavior = config()['DefaultCacheBehavior'] as { ViewerProtocolPolicy: string; AllowedMethods: string[] };
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'GET', 'OPTIONS']));
  });

  it('caches /graphql only as the response allows, never keyed on (or sharing across) cookies', () => {
    const policies = Object.values(resources('AWS::CloudFront::CachePolicy')).map((policy) => policy.Properties!['CachePolicyConfig'] as Record<string, unknown>);
    expect(policies).toHaveLength(1);
    const policy = policies[0]! as { DefaultTTL: number; MinTTL: number; ParametersInCacheKeyAndForwardedToOrigin: Record<string, Record<string, unknown>> };
    expect(policy.DefaultTTL).toBe(0);
    expect(policy.MinTTL).toBe(0);
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key['CookiesConfig']).toEqual({ CookieBehavior: 'none' });
    // Authorization is the one header CloudFront forwards only from the key: cached answers stay per bearer token.
    expect((key['HeadersConfig'] as { HeaderBehavior: string; Headers: string[] }).HeaderBehavior).toBe('whitelist');
    expect((key['HeadersConfig'] as { Headers: string[] }).Headers).toContain('Authorization');
    expect(key['QueryStringsConfig']).toEqual({ QueryStringBehavior: 'all' });
    const forwarded = originRequestPolicyOf(distributionConfig().DefaultCacheBehavior);
    expect(forwarded.CookiesConfig.CookieBehavior).toBe('all');
    expect(forwarded.HeadersConfig.Headers).not.toContain('Authorization');
  });

  it('keys cached /graphql answers on the caller’s Origin and Accept, which the gateway’s CORS headers and content type follow', () => {
    const policy = one('AWS::CloudFront::CachePolicy')['CachePolicyConfig'] as { ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { Headers: string[] } } };
    expect([...policy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers].sort()).toEqual(['Accept', 'Authorization', 'Origin']);
    const behavior = config()['DefaultCacheBehavior'] as { CachePolicyId: unknown };
    expect(behavior.CachePolicyId).toEqual({ Ref: Object.keys(resources('AWS::CloudFront::CachePolicy'))[0] });
  });

  it('forwards Idempotency-Key to the gateway, so a retried mutation behind the CDN is applied once', () => {
    const forwarded = originRequestPolicyOf(distributionConfig().DefaultCacheBehavior);
    expect(forwarded.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(forwarded.HeadersConfig.Headers).toContain(HEADER_IDEMPOTENCY_KEY);
    expect(HEADER_IDEMPOTENCY_KEY).toBe('idempotency-key');
  });

  it('never keeps an error answer the gateway gives one request for the next (error caching off), but still shields an unreachable origin', () => {
    const errors = (config()['CustomErrorResponses'] ?? []) as unknown as { ErrorCode: number; ErrorCachingMinTTL: number }[];
    const uncached = errors.filter((error) => error.ErrorCachingMinTTL === 0).map((error) => error.ErrorCode);
    // 400: a request without Apollo's CSRF header; 503: a session the gateway could not check.
    expect(uncached).toEqual(expect.arrayContaining([400, 403, 404, 500, 503]));
    expect(uncached).not.toContain(502);
    expect(uncached).not.toContain(504);
  });

  it('serves static assets from a private bucket through origin access control, cached', () => {
    const behaviors = distributionConfig().CacheBehaviors;
    expect(behaviors.map((behavior) => behavior.PathPattern).sort()).toEqual(['/assets/*', WEBHOOK_PATH_PATTERN].sort());
    const assets = behaviors.find((behavior) => behavior.PathPattern === '/assets/*')!;
    expect(assets.ViewerProtocolPolicy).toBe('redirect-to-https');
    // CachingOptimized, AWS's managed policy.
    expect(assets.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
    expect(Object.keys(resources('AWS::CloudFront::OriginAccessControl'))).toHaveLength(1);
  });

  it('passes the payment provider’s webhooks to checkout alone: never cached, HTTPS only, no cookies, the signature header kept', () => {
    const { DefaultCacheBehavior: graphql, CacheBehaviors: behaviors } = distributionConfig();
    const webhooks = behaviors.find((behavior) => behavior.PathPattern === WEBHOOK_PATH_PATTERN)!;
    expect(WEBHOOK_PATH_PATTERN).toBe('/webhooks/*');
    expect(webhooks).toMatchObject({ TargetOriginId: graphql.TargetOriginId, ViewerProtocolPolicy: 'https-only' });
    expect(webhooks.AllowedMethods).toContain('POST');
    // CachingDisabled, AWS's managed policy.
    expect(webhooks.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    const forwarded = originRequestPolicyOf(webhooks);
    expect(forwarded.CookiesConfig.CookieBehavior).toBe('none');
    expect(forwarded.QueryStringsConfig.QueryStringBehavior).toBe('none');
    expect(forwarded.HeadersConfig.Headers).toEqual([...WEBHOOK_FORWARDED_HEADERS]);
    expect(forwarded.HeadersConfig.Headers).toContain('stripe-signature');
    // At the ALB: the webhook paths, with the origin secret, go to checkout's tasks, ahead of the gateway's rule.
    const webhookGroupId = logicalId(stacks.services.edge.webhookTargetGroup);
    const rule = ruleTo(webhookGroupId)!;
    expect(rule.Conditions.find((condition) => condition.Field === 'path-pattern')?.PathPatternConfig?.Values).toEqual([WEBHOOK_PATH_PATTERN]);
    expect(rule.Priority).toBeLessThan(ruleTo(logicalId(stacks.services.edge.targetGroup))!.Priority);
    expect(resources('AWS::ElasticLoadBalancingV2::TargetGroup')[webhookGroupId]!.Properties).toMatchObject({ Port: SERVICE_PORTS[WEBHOOK_SERVICE], HealthCheckPath: '/ready' });
    const service = resources('AWS::ECS::Service')[logicalId(stacks.services.services[WEBHOOK_SERVICE].service)]!.Properties!;
    expect(service['LoadBalancers']).toEqual([{ ContainerName: WEBHOOK_SERVICE, ContainerPort: SERVICE_PORTS[WEBHOOK_SERVICE], TargetGroupArn: { Ref: webhookGroupId } }]);
  });

  it('the gateway trusts exactly CloudFront and the ALB as proxies', () => {
    expect(containerOf('gateway').Environment).toContainEqual({ Name: 'TRUST_PROXY_HOPS', Value: '2' });
  });
});

describe('task roles', () => {
  const policyOf = (service: ServiceName) =>
    Object.values(resources('AWS::IAM::Policy')).find((policy) =>
      (policy.Properties!['Roles'] as { Ref: string }[]).some((role) => role.Ref === logicalId(stacks.services.node.findChild(`${service}TaskRole`))),
    )?.Properties!['PolicyDocument'] as { Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[] } | undefined;

  it('the gateway’s role reaches no table at all', () => {
    expect(policyOf('gateway')).toBeUndefined();
    expect(DYNAMODB_ACCESS.gateway.tables).toEqual([]);
  });

  it.each(SUBGRAPHS)('%s: only its own table and indexes, only the actions its code uses, the key only through DynamoDB', (service) => {
    const statements = policyOf(service)!.Statement;
    expect(statements).toHaveLength(2);
    const [tables, key] = statements as [(typeof statements)[number], (typeof statements)[number]];
    expect([tables.Action].flat().sort()).toEqual([...DYNAMODB_ACCESS[service].actions].sort());
    const tableId = logicalId(stacks.stateful.tables[service]);
    const resourcesText = JSON.stringify(tables.Resource);
    for (const other of SUBGRAPHS.filter((candidate) => candidate !== service)) expect(resourcesText).not.toContain(logicalId(stacks.stateful.tables[other]));
    expect(resourcesText).toContain(tableId);
    expect([tables.Resource].flat()).toHaveLength(1 + tableDefinitions[service].globalSecondaryIndexes.length);
    expect([key.Action].flat().sort()).toEqual([...kmsActionsFor(DYNAMODB_ACCESS[service])].sort());
    expect(JSON.stringify(key.Condition)).toContain('kms:ViaService');
    expect(JSON.stringify(key.Resource)).toContain(logicalId(stacks.stateful.dataKey));
  });

  it('no task role statement has a wildcard resource or action', () => {
    for (const service of SERVICES) {
      for (const statement of policyOf(service)?.Statement ?? []) {
        expect([statement.Resource].flat()).not.toContain('*');
        expect(JSON.stringify(statement.Resource)).not.toMatch(/\/\*"|:\*"/);
        expect([statement.Action].flat().some((action) => action.includes('*'))).toBe(false);
      }
    }
  });

  it('control: the wildcard check above catches a wildcard', () => {
    expect(JSON.stringify(['arn:aws:dynamodb:us-east-1:1:table/x/index/*'])).toMatch(/\/\*"|:\*"/);
  });
});

describe('secrets', () => {
  const secretNames = (service: ServiceName) => (containerOf(service).Secrets ?? []).map((secret) => secret.Name).sort();

  it('only the gateway holds the internal private key; the gateway and identity hold the session key ring', () => {
    expect(secretNames('gateway')).toEqual(['INTERNAL_CONTEXT_PRIVATE_KEY', 'REDIS_URL', 'SESSION_KEYS']);
    expect(secretNames('identity')).toEqual(['IDENTITY_SIGNING_KEY', 'REDIS_URL', 'SESSION_KEYS', 'SMTP_PASSWORD', 'SMTP_USERNAME']);
    expect(secretNames('catalog')).toEqual(['CATALOG_SIGNING_KEY', 'REDIS_URL']);
    expect(secretNames('cart')).toEqual([]);
    expect(secretNames('checkout')).toEqual(['CHECKOUT_SIGNING_KEY', 'REDIS_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    for (const service of ['catalog', 'cart', 'checkout'] as const) expect(secretNames(service)).not.toContain('SESSION_KEYS');
    for (const service of SUBGRAPHS) expect(secretNames(service)).not.toContain('INTERNAL_CONTEXT_PRIVATE_KEY');
    expect(Object.keys(SERVICE_SECRETS).sort()).toEqual([...SERVICES].sort());
  });

  it('identity sends through SES in its region, and its links open the shop at CloudFront’s domain when it has none of its own', () => {
    const environment = Object.fromEntries(containerOf('identity').Environment.map(({ Name, Value }) => [Name, Value]));
    expect(environment['SMTP_TLS']).toBe('starttls');
    expect(JSON.stringify(environment['SMTP_HOST'])).toMatch(/email-smtp\./);
    expect(JSON.stringify(environment['STOREFRONT_URL'])).toContain(logicalId(stacks.services.edge.distribution));
  });

  it('each signing key secret reaches only its owner’s task', () => {
    const valueFrom = (service: ServiceName, variable: string) => JSON.stringify((containerOf(service).Secrets ?? []).find((secret) => secret.Name === variable)?.ValueFrom);
    expect(valueFrom('checkout', 'CHECKOUT_SIGNING_KEY')).toContain(logicalId(stacks.stateful.checkoutSigningKey));
    expect(valueFrom('catalog', 'CATALOG_SIGNING_KEY')).toContain(logicalId(stacks.stateful.catalogSigningKey));
    expect(valueFrom('identity', 'IDENTITY_SIGNING_KEY')).toContain(logicalId(stacks.stateful.identitySigningKey));
    expect(valueFrom('identity', 'SMTP_USERNAME')).toContain(logicalId(stacks.stateful.smtpUsername));
    expect(valueFrom('identity', 'SMTP_PASSWORD')).toContain(logicalId(stacks.stateful.smtpPassword));
    expect(valueFrom('checkout', 'STRIPE_SECRET_KEY')).toContain(logicalId(stacks.stateful.stripeSecretKey));
    expect(valueFrom('checkout', 'STRIPE_WEBHOOK_SECRET')).toContain(logicalId(stacks.stateful.stripeWebhookSecret));
    for (const service of SERVICES.filter((name) => name !== 'checkout')) expect(secretNames(service)).not.toContain('STRIPE_SECRET_KEY');
    for (const service of SERVICES.filter((name) => name !== 'checkout')) expect(secretNames(service)).not.toContain('CHECKOUT_SIGNING_KEY');
    for (const service of SERVICES.filter((name) => name !== 'catalog')) expect(secretNames(service)).not.toContain('CATALOG_SIGNING_KEY');
    for (const service of SERVICES.filter((name) => name !== 'identity')) expect(secretNames(service)).not.toContain('IDENTITY_SIGNING_KEY');
  });

  it('subgraphs get the public key sets through configuration, not a secret, each from its SSM parameter', () => {
    const parameters = template.toJSON()['Parameters'] as Record<string, { Type: string; Default?: string }>;
    // The SSM parameter (by name) a container variable's value is resolved from at deploy time.
    const parameterOf = (service: ServiceName, name: string) => {
      const value = containerOf(service).Environment.find((variable) => variable.Name === name)?.Value as { Ref?: string } | undefined;
      return value?.Ref === undefined ? undefined : parameters[value.Ref]?.Default;
    };
    for (const service of SUBGRAPHS) expect(parameterOf(service, 'INTERNAL_CONTEXT_PUBLIC_KEYS')).toBe('/shopgraph/dev/internal-context-public-keys');
    expect(parameterOf('cart', 'CHECKOUT_SIGNING_PUBLIC_KEYS')).toBe('/shopgraph/dev/checkout-signing-public-keys');
    expect(parameterOf('checkout', 'CATALOG_SIGNING_PUBLIC_KEYS')).toBe('/shopgraph/dev/catalog-signing-public-keys');
    for (const service of ['cart', 'checkout'] as const) expect(parameterOf(service, 'IDENTITY_SIGNING_PUBLIC_KEYS')).toBe('/shopgraph/dev/identity-signing-public-keys');
    expect(Object.keys(resources('AWS::SSM::Parameter'))).toEqual([]);
    const ours = Object.values(parameters).flatMap((parameter) => (parameter.Default?.startsWith('/shopgraph/') ? [parameter.Default] : []));
    expect(ours.sort()).toEqual([
      '/shopgraph/dev/catalog-signing-public-keys',
      '/shopgraph/dev/checkout-signing-public-keys',
      '/shopgraph/dev/identity-signing-public-keys',
      '/shopgraph/dev/internal-context-public-keys',
    ]);
  });
});

describe('the network', () => {
  it.each(SUBGRAPHS)('%s: its security group admits only its callers (and the ALB, for the webhooks), never an address range', (subgraph) => {
    const rules = ingressTo(securityGroupId(subgraph));
    const fromAlb = subgraph === WEBHOOK_SERVICE ? [logicalId(stacks.services.edge.securityGroup)] : [];
    expect(rules.map(sourceOf).sort()).toEqual([...callersOf(subgraph).map(securityGroupId), ...fromAlb].sort());
    expect(rules.every((rule) => rule['FromPort'] === SERVICE_PORTS[subgraph] && rule['ToPort'] === SERVICE_PORTS[subgraph])).toBe(true);
    expect(callersOf(subgraph)).toContain('gateway');
  });

  it('the gateway admits only the ALB, and Redis only its clients', () => {
    expect(ingressTo(securityGroupId('gateway')).map(sourceOf)).toEqual([logicalId(stacks.services.edge.securityGroup)]);
    const redisGroup = logicalId(stacks.services.node.findChild('Redis').node.findChild('SecurityGroup'));
    expect(ingressTo(redisGroup).map(sourceOf).sort()).toEqual(['catalog', 'checkout', 'gateway', 'identity'].map((service) => securityGroupId(service as ServiceName)).sort());
  });

  it('every task runs in private subnets with no public address, subgraphs offered on Service Connect', () => {
    for (const service of Object.values(resources('AWS::ECS::Service'))) {
      const network = service.Properties!['NetworkConfiguration'] as { AwsvpcConfiguration: { AssignPublicIp: string } };
      expect(network.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    }
    const offered = Object.values(resources('AWS::ECS::Service')).flatMap((service) => ((service.Properties!['ServiceConnectConfiguration'] as { Services?: { ClientAliases: { DnsName: string }[] }[] }).Services ?? []).map((entry) => entry.ClientAliases[0]!.DnsName));
    expect(offered.sort()).toEqual([...SUBGRAPHS].sort());
    expect(containerOf('gateway').Environment).toContainEqual({ Name: 'SUBGRAPH_URL_CATALOG', Value: `http://catalog:${SERVICE_PORTS.catalog}/graphql` });
  });

  it('the VPC spans two availability zones', () => {
    expect(Object.keys(resourcesOf(dev.network, 'AWS::EC2::Subnet'))).toHaveLength(4);
    const zones = Object.values(resourcesOf(dev.network, 'AWS::EC2::Subnet')).map((subnet) => subnet.Properties!['AvailabilityZone']);
    expect(new Set(zones).size).toBe(2);
  });

  it('Redis never evicts a key: a noeviction parameter group of the engine’s family is attached', () => {
    const [parametersId, parameters] = Object.entries(resources('AWS::ElastiCache::ParameterGroup'))[0] ?? [];
    expect(parameters?.Properties).toMatchObject({ Properties: { 'maxmemory-policy': 'noeviction' } });
    const group = one('AWS::ElastiCache::ReplicationGroup');
    expect(group['CacheParameterGroupName']).toEqual({ Ref: parametersId });
    // The family follows the engine's major version: valkey 8.x takes valkey8.
    expect(parameters?.Properties!['CacheParameterGroupFamily']).toBe(`${String(group['Engine'])}${String(group['EngineVersion']).split('.')[0]}`);
    expect(group).toMatchObject({ Engine: REDIS_ENGINE.engine, EngineVersion: REDIS_ENGINE.version });
    expect(Object.values(resourcesOf(prod.services, 'AWS::ElastiCache::ReplicationGroup'))[0]!.Properties!['CacheParameterGroupName']).toBeDefined();
  });

  it('Redis: TLS in transit, auth, private subnets', () => {
    const group = one('AWS::ElastiCache::ReplicationGroup');
    expect(group).toMatchObject({ TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true });
    expect(JSON.stringify(group['AuthToken'])).toContain('resolve:secretsmanager');
  });
});

describe('sizing', () => {
  const minimums = (synthesized: typeof dev) =>
    Object.fromEntries(
      SERVICES.map((service) => {
        const serviceId = logicalId(synthesized.stacks.services.services[service].service);
        const target = Object.values(resourcesOf(synthesized.services, 'AWS::ApplicationAutoScaling::ScalableTarget')).find((candidate) => JSON.stringify(candidate.Properties!['ResourceId']).includes(serviceId));
        return [service, target?.Properties!['MinCapacity']];
      }),
    );

  it('runs at least two gateway tasks, and each service scales between its size’s bounds', () => {
    expect(minimums(dev)).toEqual(Object.fromEntries(SERVICES.map((service) => [service, SIZES.dev.services[service].minTasks])));
    expect(minimums(dev)['gateway']).toBeGreaterThanOrEqual(2);
  });

  it('prod raises the minimums and runs Redis in two zones, chosen by context alone', () => {
    expect(minimums(prod)).toEqual(Object.fromEntries(SERVICES.map((service) => [service, SIZES.prod.services[service].minTasks])));
    for (const service of SERVICES) expect(SIZES.prod.services[service].minTasks).toBeGreaterThanOrEqual(2);
    expect(Object.values(resourcesOf(prod.services, 'AWS::ElastiCache::ReplicationGroup'))[0]!.Properties).toMatchObject({ MultiAZEnabled: true, NumCacheClusters: 2 });
  });

  it('scales the gateway on CPU and on ALB requests per target, the subgraphs on CPU', () => {
    const policies = Object.values(resources('AWS::ApplicationAutoScaling::ScalingPolicy')).map((policy) => (policy.Properties!['TargetTrackingScalingPolicyConfiguration'] as { PredefinedMetricSpecification: { PredefinedMetricType: string } }).PredefinedMetricSpecification.PredefinedMetricType);
    expect(policies.filter((type) => type === 'ECSServiceAverageCPUUtilization')).toHaveLength(SERVICES.length);
    expect(policies.filter((type) => type === 'ALBRequestCountPerTarget')).toHaveLength(1);
  });
});
