import { Stack, type StackProps } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, SubnetType, Vpc, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Sizing } from './sizing.js';

export interface NetworkStackProps extends StackProps {
  sizing: Sizing;
  /** Two zones, named so synthesis needs no account lookup. */
  availabilityZones: readonly [string, string];
}

/** A VPC over two availability zones: NAT gateways in public subnets; the ALB (internal by default), every task and Redis in private ones. */
export class NetworkStack extends Stack {
  readonly vpc: IVpc;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const flowLogs = new LogGroup(this, 'FlowLogs', { retention: RetentionDays.ONE_MONTH });
    this.vpc = new Vpc(this, 'Vpc', {
      availabilityZones: [...props.availabilityZones],
      natGateways: props.sizing.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      flowLogs: { all: { destination: FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: FlowLogTrafficType.ALL } },
    });
  }
}
