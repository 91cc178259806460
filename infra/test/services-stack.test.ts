import { tableDefinitions } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { DEREGISTRATION_DELAY_SECONDS, ORIGIN_SECRET_HEADER } from '../lib/edge.js';
import { STOP_TIMEOUT_SECONDS } from '../lib/fargate-service.js';
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

describe('the public way in: ALB', () => {
  const targetGroup = () => one('AWS::ElasticLoadBalancingV2::TargetGroup');

  it('has stickiness disabled and balances round-robin', () => {
    const attributes = targetGroup()['TargetGroupAttributes'] as Attribute[];
    expect(attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'false' });
    expect(attributes).toContainEqual({ Key: 'load_balancing.algorithm.type', Value: 'round_robin' });
    expect(attributes.filter((attribute) => attribute.Key.startsWith('stickiness.') && attribute.Key !== 'stickiness.enabled')).toEqual([]);
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
    const rule = one('AWS::ElasticLoadBalancingV2::ListenerRule');
    const condition = (rule['Conditions'] as { Field: string; HttpHeaderConfig: { HttpHeaderName: string; Values: unknown[] } }[])[0]!;
    expect(condition.Field).toBe('http-header');
    expect(condition.HttpHeaderConfig.HttpHeaderName).toBe(ORIGIN_SECRET_HEADER);
    const secretId = logicalId(stacks.services.edge.node.findChild('OriginSecret'));
    expect(JSON.stringify(condition.HttpHeaderConfig.Values)).toContain(secretId);
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
    expect(key['HeadersConfig']).toEqual({ HeaderBehavior: 'whitelist', Headers: ['Authorization'] });
    expect(key['QueryStringsConfig']).toEqual({ QueryStringBehavior: 'all' });
    const forwarded = one('AWS::CloudFront::OriginRequestPolicy')['OriginRequestPolicyConfig'] as Record<string, { CookieBehavior?: string; Headers?: string[] }>;
    expect(forwarded['CookiesConfig']?.CookieBehavior).toBe('all');
    expect(forwarded['HeadersConfig']?.Headers).not.toContain('Authorization');
  });

  it('serves static assets from a private bucket through origin access control, cached', () => {
    const behaviors = config()['CacheBehaviors'] as unknown as { PathPattern: string; CachePolicyId: string; ViewerProtocolPolicy: string }[];
    expect(behaviors.map((behavior) => [behavior.PathPattern, behavior.ViewerProtocolPolicy])).toEqual([['/assets/*', 'redirect-to-https']]);
    // CachingOptimized, AWS's managed policy.
    expect(behaviors[0]!.CachePolicyId).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
    expect(Object.keys(resources('AWS::CloudFront::OriginAccessControl'))).toHaveLength(1);
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
    expect(secretNames('identity')).toEqual(['REDIS_URL', 'SESSION_KEYS']);
    for (const service of ['catalog', 'cart', 'checkout'] as const) expect(secretNames(service)).not.toContain('SESSION_KEYS');
    for (const service of SUBGRAPHS) expect(secretNames(service)).not.toContain('INTERNAL_CONTEXT_PRIVATE_KEY');
    expect(Object.keys(SERVICE_SECRETS).sort()).toEqual([...SERVICES].sort());
  });

  it('subgraphs get the public key set through configuration, not a secret', () => {
    for (const service of SUBGRAPHS) expect(containerOf(service).Environment.map((variable) => variable.Name)).toContain('INTERNAL_CONTEXT_PUBLIC_KEYS');
    expect(Object.keys(resources('AWS::SSM::Parameter'))).toEqual([]);
    expect(JSON.stringify(template.toJSON()['Parameters'])).toContain('internal-context-public-keys');
  });
});

describe('the network', () => {
  it.each(SUBGRAPHS)('%s: its security group admits only its callers, never an address range', (subgraph) => {
    const rules = ingressTo(securityGroupId(subgraph));
    expect(rules.map(sourceOf).sort()).toEqual(callersOf(subgraph).map(securityGroupId).sort());
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
