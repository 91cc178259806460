import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Edge } from '../lib/edge.js';
import { originAccessFrom, type OriginAccess } from '../lib/origin-access.js';
import { logicalId, resourcesOf, synthesize } from './synthesize.js';

const tls = { domainName: 'origin.shop.example', certificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/origin' };

/** The edge alone, in a stack of its own: the origin access choices the default app does not take. */
function edgeWith(originAccess: OriginAccess) {
  const outdir = mkdtempSync(join(tmpdir(), 'shopgraph-edge-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir, context: { 'aws:cdk:disable-asset-staging': true } });
  const stack = new Stack(app, 'EdgeOnly', { env: { account: '000000000000', region: 'us-east-1' } });
  const construct = new Edge(stack, 'Edge', { vpc: new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }), originAccess });
  const template = Template.fromStack(stack);
  const only = (type: string) => {
    const found = Object.values(resourcesOf(template, type));
    expect(found).toHaveLength(1);
    return found[0]!.Properties!;
  };
  const graphqlOrigin = () => {
    const config = only('AWS::CloudFront::Distribution')['DistributionConfig'] as { DefaultCacheBehavior: { TargetOriginId: string }; Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: Record<string, unknown>; VpcOriginConfig?: unknown }[] };
    return config.Origins.find((origin) => origin.Id === config.DefaultCacheBehavior.TargetOriginId)!;
  };
  const albIngress = () =>
    Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroupIngress'))
      .map((rule) => rule.Properties!)
      .filter((rule) => JSON.stringify(rule['GroupId']) === JSON.stringify({ 'Fn::GetAtt': [logicalId(construct.securityGroup), 'GroupId'] }));
  /** The deploy-time id of CloudFront's origin-facing prefix list. */
  const cloudFrontPrefixList = { 'Fn::GetAtt': [logicalId(construct.node.findChild('CloudFrontOriginFacing').node.findChild('Lookup')), 'PrefixLists.0.PrefixListId'] };
  return { template, only, graphqlOrigin, albIngress, cloudFrontPrefixList };
}

describe('choosing how CloudFront reaches the ALB', () => {
  it('defaults to the VPC origin, with or without TLS', () => {
    expect(originAccessFrom({ publicLoadBalancer: false, allowPlainHttpToOrigin: false })).toEqual({ kind: 'vpc-origin', tls: undefined });
    expect(originAccessFrom({ tls, publicLoadBalancer: false, allowPlainHttpToOrigin: false })).toEqual({ kind: 'vpc-origin', tls });
  });

  it('refuses a public ALB without TLS unless plain HTTP is allowed explicitly', () => {
    expect(() => originAccessFrom({ publicLoadBalancer: true, allowPlainHttpToOrigin: false })).toThrow(/allowPlainHttpToOrigin=true/);
    expect(originAccessFrom({ publicLoadBalancer: true, allowPlainHttpToOrigin: true })).toEqual({ kind: 'public-plain-http' });
    expect(originAccessFrom({ tls, publicLoadBalancer: true, allowPlainHttpToOrigin: false })).toEqual({ kind: 'public-https', tls });
  });

  it('refuses the plain-HTTP flag where it would do nothing or contradict TLS', () => {
    expect(() => originAccessFrom({ publicLoadBalancer: false, allowPlainHttpToOrigin: true })).toThrow(/only with publicLoadBalancer=true/);
    expect(() => originAccessFrom({ tls, publicLoadBalancer: true, allowPlainHttpToOrigin: true })).toThrow(/contradicts originDomain/);
  });

  it('the app reads the flags from context and stops on a value that is not true or false', () => {
    expect(() => synthesize({ publicLoadBalancer: 'true' })).toThrow(/needs originDomain and originCertificateArn/);
    expect(() => synthesize({ allowPlainHttpToOrigin: 'yes' })).toThrow(/allowPlainHttpToOrigin must be true or false/);
  });
});

describe('the edge for each origin access', () => {
  // Built while the file is collected, as synthesize() is elsewhere: synthesis is slow on a busy machine and no test's own deadline should pay for it.
  const edges = {
    vpcOriginTls: edgeWith({ kind: 'vpc-origin', tls }),
    publicHttps: edgeWith({ kind: 'public-https', tls }),
    publicPlainHttp: edgeWith({ kind: 'public-plain-http' }),
  };

  it('VPC origin with TLS: internal ALB, HTTPS listener, the origin domain the certificate names', () => {
    const edge = edges.vpcOriginTls;
    expect(edge.only('AWS::ElasticLoadBalancingV2::LoadBalancer')['Scheme']).toBe('internal');
    expect(edge.only('AWS::CloudFront::VpcOrigin')['VpcOriginEndpointConfig']).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(edge.graphqlOrigin()).toMatchObject({ DomainName: tls.domainName });
    expect(edge.only('AWS::ElasticLoadBalancingV2::Listener')).toMatchObject({ Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: tls.certificateArn }] });
    expect(edge.albIngress()).toEqual([expect.objectContaining({ FromPort: 443, ToPort: 443, SourcePrefixListId: edge.cloudFrontPrefixList })]);
  });

  it('public HTTPS: internet-facing ALB reached over TLS 1.2 only, from CloudFront’s addresses only', () => {
    const edge = edges.publicHttps;
    expect(edge.only('AWS::ElasticLoadBalancingV2::LoadBalancer')['Scheme']).toBe('internet-facing');
    expect(Object.keys(resourcesOf(edge.template, 'AWS::CloudFront::VpcOrigin'))).toEqual([]);
    expect(edge.graphqlOrigin()).toMatchObject({ DomainName: tls.domainName, CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } });
    expect(edge.albIngress()).toEqual([expect.objectContaining({ FromPort: 443, SourcePrefixListId: edge.cloudFrontPrefixList })]);
    expect(edge.albIngress().some((rule) => rule['CidrIp'] !== undefined)).toBe(false);
  });

  it('the plain-HTTP opt-in: internet-facing ALB over HTTP, still only from CloudFront’s addresses', () => {
    const edge = edges.publicPlainHttp;
    expect(edge.only('AWS::ElasticLoadBalancingV2::LoadBalancer')['Scheme']).toBe('internet-facing');
    expect(edge.graphqlOrigin()).toMatchObject({ CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } });
    expect(edge.graphqlOrigin().VpcOriginConfig).toBeUndefined();
    expect(edge.albIngress()).toEqual([expect.objectContaining({ FromPort: 80, SourcePrefixListId: edge.cloudFrontPrefixList })]);
  });
});
