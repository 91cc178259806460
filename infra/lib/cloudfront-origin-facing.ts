import { Peer, type IPeer } from 'aws-cdk-lib/aws-ec2';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** AWS's managed prefix list of the addresses CloudFront reaches origins from, VPC origins included. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * CloudFront's origin-facing prefix list as a security group peer. Its id differs per
 * region and CloudFormation cannot look it up by name, so a deploy-time SDK call does:
 * synthesis stays offline (a context lookup would need credentials at `cdk synth`).
 */
export class CloudFrontOriginFacing extends Construct {
  readonly prefixListId: string;
  readonly peer: IPeer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const describe: AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST] }] },
      physicalResourceId: PhysicalResourceId.of(CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST),
      // Only the id comes back: CloudFormation caps a custom resource's answer at 4 KB.
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    const lookup = new AwsCustomResource(this, 'Lookup', {
      onCreate: describe,
      onUpdate: describe,
      // ec2:DescribeManagedPrefixLists has no resource-level permissions.
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      // The SDK in the Lambda runtime has this call: nothing is downloaded at deploy time.
      installLatestAwsSdk: false,
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
    this.peer = Peer.prefixList(this.prefixListId);
  }
}
