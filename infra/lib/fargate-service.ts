import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { AppProtocol, ContainerImage, FargateService, FargateTaskDefinition, LogDriver, Secret as EcsSecret, type ICluster } from 'aws-cdk-lib/aws-ecs';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { IMAGE_TARGETS, SERVICE_PORTS, type ServiceName } from './services.js';
import type { TaskSize } from './sizing.js';

/** ECS waits this long after SIGTERM before SIGKILL: above the ALB's deregistration delay and SHUTDOWN_TIMEOUT_MS. */
export const STOP_TIMEOUT_SECONDS = 60;

export interface ShopgraphServiceProps {
  service: ServiceName;
  cluster: ICluster;
  vpc: IVpc;
  size: TaskSize;
  taskRole: IRole;
  environment: Record<string, string>;
  secrets: Record<string, ISecret>;
  /** The repository root: the Docker build context. */
  buildContext: string;
  logRetention: RetentionDays;
  /** Subgraphs offer themselves on Service Connect under their own name; the gateway is a client only. */
  serviceConnectServer: boolean;
}

/** One service: its task definition, log group, security group, Fargate service and Service Connect entry. */
export class ShopgraphService extends Construct {
  readonly service: FargateService;
  readonly securityGroup: SecurityGroup;
  private readonly name: ServiceName;

  constructor(scope: Construct, id: string, props: ShopgraphServiceProps) {
    super(scope, id);
    const { service, size } = props;
    this.name = service;
    const port = SERVICE_PORTS[service];
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: size.cpu,
      memoryLimitMiB: size.memoryMiB,
      taskRole: props.taskRole,
    });
    taskDefinition.addContainer('app', {
      containerName: service,
      image: ContainerImage.fromAsset(props.buildContext, { file: 'Dockerfile', target: IMAGE_TARGETS[service] }),
      environment: props.environment,
      secrets: Object.fromEntries(Object.entries(props.secrets).map(([variable, secret]) => [variable, EcsSecret.fromSecretsManager(secret)])),
      portMappings: [{ name: service, containerPort: port, appProtocol: AppProtocol.http }],
      logging: LogDriver.awsLogs({ logGroup, streamPrefix: service }),
      readonlyRootFilesystem: true,
      stopTimeout: Duration.seconds(STOP_TIMEOUT_SECONDS),
      healthCheck: {
        command: ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${port}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`],
        interval: Duration.seconds(10),
        timeout: Duration.seconds(3),
        retries: 3,
        startPeriod: Duration.seconds(service === 'catalog' ? 60 : 20),
      },
    });
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `shopgraph ${service} tasks`,
      allowAllOutbound: true,
    });
    this.service = new FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition,
      desiredCount: size.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      serviceConnectConfiguration: props.serviceConnectServer
        ? { services: [{ portMappingName: service, dnsName: service, port }] }
        : {},
    });
  }

  /** Admits `peer` on this service's port: the only ingress rule its security group gets. */
  admit(peer: SecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(peer, Port.tcp(SERVICE_PORTS[this.name]), description);
  }
}
