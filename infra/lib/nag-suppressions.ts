import type { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { SERVICES } from './services.js';
import type { ShopgraphStacks } from './shopgraph-app.js';

const suppress = (construct: IConstruct, id: string, reason: string) =>
  NagSuppressions.addResourceSuppressions(construct, [{ id, reason }], true);

/**
 * Every cdk-nag AwsSolutions finding this app accepts, each with its reason. Anything not
 * listed here fails the nag test (infra/test/nag.test.ts).
 */
export function applyNagSuppressions({ stateful, services }: ShopgraphStacks): void {
  const keyRotation =
    'Key material in a JWK format the services read; Secrets Manager rotation cannot produce it. Rotated by the documented no-downtime procedure (docs/deploy.md, rotating the session keys), npm run keys:session.';
  suppress(stateful.sessionKeys, 'AwsSolutions-SMG4', keyRotation);
  suppress(stateful.internalContextPrivateKey, 'AwsSolutions-SMG4', keyRotation);
  const signingKeyRotation =
    'An Ed25519 private JWK whose public half the verifying service reads from an SSM parameter; Secrets Manager rotation cannot change both in order. Rotated by the documented no-downtime procedure (docs/deploy.md, rotating the signing keys).';
  suppress(stateful.checkoutSigningKey, 'AwsSolutions-SMG4', signingKeyRotation);
  suppress(stateful.catalogSigningKey, 'AwsSolutions-SMG4', signingKeyRotation);
  suppress(stateful.identitySigningKey, 'AwsSolutions-SMG4', signingKeyRotation);
  const stripeRotation =
    "Issued by Stripe, not by AWS: a rotation Lambda cannot create a key in the Stripe account. Rolled in Stripe's dashboard, then put here (docs/deploy.md, payments).";
  suppress(stateful.stripeSecretKey, 'AwsSolutions-SMG4', stripeRotation);
  suppress(stateful.stripeWebhookSecret, 'AwsSolutions-SMG4', stripeRotation);
  const smtpRotation =
    "SES SMTP credentials are derived from an IAM user's access key by SES's own algorithm; a rotation Lambda would have to rotate the key and derive the password together. Rotated by creating new SMTP credentials and putting them here (docs/deploy.md, email).";
  suppress(stateful.smtpUsername, 'AwsSolutions-SMG4', smtpRotation);
  suppress(stateful.smtpPassword, 'AwsSolutions-SMG4', smtpRotation);

  const edge = services.edge;
  const redis = services.node.findChild('Redis');
  suppress(redis.node.findChild('AuthToken'), 'AwsSolutions-SMG4', 'Rotating the ElastiCache AUTH token needs a coordinated ROTATE/SET on the replication group and a restart of every client; a manual procedure (docs/deploy.md), not a rotation Lambda.');
  suppress(redis.node.findChild('Url'), 'AwsSolutions-SMG4', 'Derived from the AUTH token at deploy time; it changes when the token does.');
  suppress(edge.node.findChild('OriginSecret'), 'AwsSolutions-SMG4', 'CloudFront and the ALB listener rule must change together with it, which a rotation Lambda cannot do; a manual procedure (docs/deploy.md).');
  if (services.sizing.redis.replicas === 0) {
    suppress(redis.node.findChild('ReplicationGroup'), 'AwsSolutions-AEC4', 'dev size: one Redis node. Redis holds only losable fast paths (the services keep working, a little slower, without it); prod runs a replica in a second zone.');
  }
  if (!services.customDomain) {
    suppress(edge.distribution, 'AwsSolutions-CFR4', 'No custom domain given: the CloudFront default certificate, whose policy AWS fixes. With -c domain=... and certificateArn=... the distribution requires TLS 1.2.');
  }
  // Only the explicit opt-in reaches the origin over plain HTTP; the default VPC origin is not a custom origin, so the rule does not apply to it.
  if (services.originAccess.kind === 'public-plain-http') {
    suppress(edge.distribution, 'AwsSolutions-CFR5', 'Chosen explicitly with -c publicLoadBalancer=true -c allowPlainHttpToOrigin=true: CloudFront reaches a public ALB over HTTP. The default is a VPC origin to an internal ALB; with -c originDomain=... and originCertificateArn=... a public ALB gets HTTPS (TLS 1.2).');
  }
  const prefixListLookup = edge.node.findChild('CloudFrontOriginFacing').node.findChild('Lookup') as AwsCustomResource;
  NagSuppressions.addResourceSuppressions(
    prefixListLookup,
    [{ id: 'AwsSolutions-IAM5', reason: 'ec2:DescribeManagedPrefixLists, its only action, has no resource-level permissions; it reads the id of CloudFront\'s origin-facing prefix list once per deployment.', appliesTo: ['Resource::*'] }],
    true,
  );
  NagSuppressions.addResourceSuppressions(
    prefixListLookup.grantPrincipal as unknown as IConstruct,
    [{ id: 'AwsSolutions-IAM4', reason: 'The CDK\'s own SDK-call Lambda: AWSLambdaBasicExecutionRole lets it write its logs and nothing else.', appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] }],
    true,
  );
  suppress(edge.distribution, 'AwsSolutions-CFR1', 'A storefront API served worldwide: no country is excluded.');
  suppress(edge.distribution, 'AwsSolutions-CFR2', 'WAF is an account-level choice with its own cost; attach a web ACL to the distribution where needed (docs/deploy.md).');
  for (const service of SERVICES) {
    const construct = services.services[service];
    suppress(construct.node.findChild('Task'), 'AwsSolutions-ECS2', 'Plain, non-secret configuration (ports, table names, URLs). Secrets reach the task only through the secrets block, from Secrets Manager.');
    NagSuppressions.addResourceSuppressions(
      construct.node.findChild('Task'),
      [{ id: 'AwsSolutions-IAM5', reason: 'The execution role: ecr:GetAuthorizationToken accepts only "*" as resource; every other statement names its repository, log group and secrets.', appliesTo: ['Resource::*'] }],
      true,
    );
  }
}
