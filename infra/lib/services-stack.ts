import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { CfnOutput, Duration, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, ContainerInsights } from 'aws-cdk-lib/aws-ecs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NamespaceType } from 'aws-cdk-lib/aws-servicediscovery';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { Edge, WEBHOOK_SERVICE } from './edge.js';
import { ShopgraphService } from './fargate-service.js';
import type { OriginAccess } from './origin-access.js';
import { RedisCache } from './redis-cache.js';
import { callersOf } from './service-network.js';
import { PUBLIC_KEY_SETS, SERVICE_SECRETS, serviceEnvironment, type PublicKeySet, type SecretName } from './service-environment.js';
import { SERVICE_PORTS, SERVICES, SUBGRAPHS, type ServiceName } from './services.js';
import type { Sizing } from './sizing.js';
import type { StatefulStack } from './stateful-stack.js';
import { taskRoleFor } from './task-role.js';

/** The Service Connect namespace: subgraphs answer at http://<name>:<port> inside the cluster. */
export const SERVICE_NAMESPACE = 'shopgraph.internal';

export interface ServicesStackProps extends StackProps {
  sizing: Sizing;
  vpc: IVpc;
  stateful: StatefulStack;
  /** The SSM parameter holding each public key set (JWK set JSON), read at deploy time. */
  publicKeyParameterNames: Record<PublicKeySet, string>;
  /** The Docker build context (the repository root). */
  buildContext: string;
  domain?: { names: string[]; certificateArn: string } | undefined;
  originAccess: OriginAccess;
  /** Identity's account emails: the From (an SES-verified identity), and the storefront origin when not the shop's own domain or CloudFront's. */
  mail: { from: string; storefrontUrl?: string | undefined };
}

/**
 * Everything that can be replaced without losing data: the ECS cluster and one Fargate
 * service per subgraph and for the gateway, Redis, the ALB and CloudFront.
 */
export class ServicesStack extends Stack {
  readonly services: Record<ServiceName, ShopgraphService>;
  readonly edge: Edge;
  readonly sizing: Sizing;
  /** Whether CloudFront serves a domain of its own (with its certificate). */
  readonly customDomain: boolean;
  /** How CloudFront reaches the ALB. */
  readonly originAccess: OriginAccess;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { sizing, vpc, stateful } = props;
    this.sizing = sizing;
    this.customDomain = props.domain !== undefined;
    this.originAccess = props.originAccess;
    const cluster = new Cluster(this, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });
    cluster.addDefaultCloudMapNamespace({ name: SERVICE_NAMESPACE, type: NamespaceType.HTTP, useForServiceConnect: true });

    const redis = new RedisCache(this, 'Redis', { vpc, sizing });
    const secrets: Record<SecretName, ISecret> = {
      sessionKeys: stateful.sessionKeys,
      internalContextPrivateKey: stateful.internalContextPrivateKey,
      checkoutSigningKey: stateful.checkoutSigningKey,
      catalogSigningKey: stateful.catalogSigningKey,
      identitySigningKey: stateful.identitySigningKey,
      stripeSecretKey: stateful.stripeSecretKey,
      stripeWebhookSecret: stateful.stripeWebhookSecret,
      smtpUsername: stateful.smtpUsername,
      smtpPassword: stateful.smtpPassword,
      redisUrl: redis.urlSecret,
    };
    const tableNames = Object.fromEntries(
      (Object.keys(tableDefinitions) as TableKey[]).map((key) => [key, stateful.tables[key].tableName]),
    ) as Record<TableKey, string>;
    const facts = {
      region: this.region,
      tableNames,
      subgraphOrigin: (subgraph: (typeof SUBGRAPHS)[number]) => `http://${subgraph}:${SERVICE_PORTS[subgraph]}`,
      publicKeys: Object.fromEntries(
        PUBLIC_KEY_SETS.map((set) => [set, StringParameter.valueForStringParameter(this, props.publicKeyParameterNames[set])]),
      ) as Record<PublicKeySet, string>,
      mail: {
        from: props.mail.from,
        // The storefront is served by the same CloudFront distribution, created below: its
        // domain (or the shop's own) is read once the edge exists.
        storefrontUrl:
          props.mail.storefrontUrl ??
          (props.domain ? `https://${props.domain.names[0]}` : Lazy.string({ produce: () => `https://${this.edge.distribution.distributionDomainName}` })),
      },
    };
    const logRetention = sizing.logRetentionDays >= 90 ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS;

    this.services = Object.fromEntries(
      SERVICES.map((service) => {
        const construct = new ShopgraphService(this, service, {
          service,
          cluster,
          vpc,
          size: sizing.services[service],
          taskRole: taskRoleFor(this, service, stateful.tables, stateful.dataKey),
          environment: serviceEnvironment(service, facts),
          secrets: Object.fromEntries(Object.entries(SERVICE_SECRETS[service]).map(([variable, name]) => [variable, secrets[name]])),
          buildContext: props.buildContext,
          logRetention,
          serviceConnectServer: service !== 'gateway',
        });
        return [service, construct];
      }),
    ) as Record<ServiceName, ShopgraphService>;

    // Subgraphs admit their callers only; Redis admits its clients only.
    for (const subgraph of SUBGRAPHS) {
      for (const caller of callersOf(subgraph)) this.services[subgraph].admit(this.services[caller].securityGroup, `${caller} calls ${subgraph}`);
    }
    for (const service of SERVICES.filter((name) => 'REDIS_URL' in SERVICE_SECRETS[name])) {
      redis.admit(this.services[service].securityGroup, `${service} uses Redis`);
    }

    this.edge = new Edge(this, 'Edge', { vpc, domain: props.domain, originAccess: props.originAccess });
    // Registers the gateway tasks with the ALB, and admits the ALB (only) to the gateway's port;
    // likewise checkout's tasks, whose one public route is the payment provider's webhooks.
    this.services.gateway.service.attachToApplicationTargetGroup(this.edge.targetGroup);
    this.services[WEBHOOK_SERVICE].service.attachToApplicationTargetGroup(this.edge.webhookTargetGroup);

    for (const service of SERVICES) {
      const size = sizing.services[service];
      const scaling = this.services[service].service.autoScaleTaskCount({ minCapacity: size.minTasks, maxCapacity: size.maxTasks });
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: sizing.targetCpuPercent, scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(1) });
      if (service === 'gateway') {
        scaling.scaleOnRequestCount('Requests', { targetGroup: this.edge.targetGroup, requestsPerTarget: sizing.requestsPerTarget });
      }
    }

    new CfnOutput(this, 'Url', { value: `https://${props.domain?.names[0] ?? this.edge.distribution.distributionDomainName}/graphql` });
    new CfnOutput(this, 'DistributionId', { value: this.edge.distribution.distributionId });
    new CfnOutput(this, 'AssetsBucket', { value: this.edge.assets.bucketName });
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    for (const service of SERVICES) new CfnOutput(this, `${service}ServiceName`, { value: this.services[service].service.serviceName });
  }
}
