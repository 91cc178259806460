import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  type IOrigin,
  OriginProtocolPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin, VpcOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  ListenerAction,
  ListenerCondition,
  TargetGroupLoadBalancingAlgorithmType,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { graphqlCachePolicy, graphqlOriginRequestPolicy, UNCACHED_ERROR_STATUSES, webhookOriginRequestPolicy } from './cdn-policies.js';
import { CloudFrontOriginFacing } from './cloudfront-origin-facing.js';
import { isPublic, tlsOf, type OriginAccess } from './origin-access.js';
import { ALB_IDLE_TIMEOUT_SECONDS } from './service-environment.js';
import { SERVICE_PORTS, type ServiceName } from './services.js';

/** The header CloudFront adds to every origin request; the ALB forwards only requests carrying it. */
export const ORIGIN_SECRET_HEADER = 'x-shopgraph-origin-verify';
/** The ALB lets a target drain this long: shorter than the task's stopTimeout. */
export const DEREGISTRATION_DELAY_SECONDS = 30;
/**
 * Paths the internet reaches a service on outside the graph: a payment provider's signed
 * webhooks (POST /webhooks/payments), which checkout serves itself.
 */
export const WEBHOOK_PATH_PATTERN = '/webhooks/*';
export const WEBHOOK_SERVICE: ServiceName = 'checkout';

export interface EdgeProps {
  vpc: IVpc;
  /** A custom domain for CloudFront, with its ACM certificate (us-east-1); the CloudFront domain otherwise. */
  domain?: { names: string[]; certificateArn: string } | undefined;
  /** How CloudFront reaches the ALB: by default a VPC origin to an internal ALB. */
  originAccess: OriginAccess;
}

/**
 * The way in: CloudFront (TLS, HTTP to HTTPS) in front of an ALB without stickiness that
 * admits only CloudFront's origin-facing addresses and answers 403 to any request lacking
 * CloudFront's origin secret, and an S3 bucket for static assets. By default the ALB is
 * internal and CloudFront reaches it through a VPC origin. Behind the ALB sit only the
 * gateway's target group and, for the webhooks alone, checkout's.
 */
export class Edge extends Construct {
  readonly loadBalancer: ApplicationLoadBalancer;
  /** The gateway's tasks: everything but the webhooks. */
  readonly targetGroup: ApplicationTargetGroup;
  /** The tasks of WEBHOOK_SERVICE, for WEBHOOK_PATH_PATTERN. */
  readonly webhookTargetGroup: ApplicationTargetGroup;
  readonly securityGroup: SecurityGroup;
  readonly distribution: Distribution;
  readonly assets: Bucket;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Kept behind a VPC origin too: the security group admits every VPC origin in the VPC and
    // any distribution in the account may use this one, so only the secret says "our
    // distribution"; it also still holds if the security group is ever widened by mistake.
    const originSecret = new Secret(this, 'OriginSecret', {
      description: 'shopgraph: the header value CloudFront sends and the ALB requires',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const secretValue = originSecret.secretValue.unsafeUnwrap();

    const tls = tlsOf(props.originAccess);
    const internetFacing = isPublic(props.originAccess);
    const originPort = tls ? 443 : 80;
    this.securityGroup = new SecurityGroup(this, 'AlbSecurityGroup', { vpc: props.vpc, description: 'shopgraph ALB', allowAllOutbound: false });
    // CloudFront's addresses, never 0.0.0.0/0: an internal ALB is then reachable only through
    // the VPC origin, a public one only from CloudFront's edge servers.
    const cloudFront = new CloudFrontOriginFacing(this, 'CloudFrontOriginFacing');
    this.securityGroup.addIngressRule(cloudFront.peer, Port.tcp(originPort), 'CloudFront origin-facing servers; requests without the origin secret get 403');
    this.loadBalancer = new ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.vpc,
      internetFacing,
      vpcSubnets: { subnetType: internetFacing ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup: this.securityGroup,
      idleTimeout: Duration.seconds(ALB_IDLE_TIMEOUT_SECONDS),
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(logs, 'alb');

    // A target group serves one load balancer at a time, and moving the ALB between public and
    // internal replaces it: a group per placement lets CloudFormation attach the new ALB to a
    // new group before it deletes the old ALB, instead of failing on the shared one.
    const targetGroupFor = (id: string, service: ServiceName) => {
      const group = new ApplicationTargetGroup(this, internetFacing ? id : `${id}BehindVpcOrigin`, {
        vpc: props.vpc,
        port: SERVICE_PORTS[service],
        protocol: ApplicationProtocol.HTTP,
        targetType: TargetType.IP,
        loadBalancingAlgorithmType: TargetGroupLoadBalancingAlgorithmType.ROUND_ROBIN,
        deregistrationDelay: Duration.seconds(DEREGISTRATION_DELAY_SECONDS),
        healthCheck: { path: '/ready', healthyHttpCodes: '200', interval: Duration.seconds(10), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
      });
      // Every replica serves every session: say so explicitly rather than rely on a default.
      group.setAttribute('stickiness.enabled', 'false');
      return group;
    };
    this.targetGroup = targetGroupFor('Gateways', 'gateway');
    this.webhookTargetGroup = targetGroupFor('Webhooks', WEBHOOK_SERVICE);

    const listener = this.loadBalancer.addListener(tls ? 'Https' : 'Http', {
      port: originPort,
      protocol: tls ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
      ...(tls ? { certificates: [Certificate.fromCertificateArn(this, 'OriginCertificate', tls.certificateArn)] } : {}),
      open: false,
      defaultAction: ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'forbidden' }),
    });
    const fromCloudFront = ListenerCondition.httpHeader(ORIGIN_SECRET_HEADER, [secretValue]);
    // Ahead of the gateway's rule, which takes every other path.
    listener.addAction('WebhooksFromCloudFront', {
      priority: 1,
      conditions: [fromCloudFront, ListenerCondition.pathPatterns([WEBHOOK_PATH_PATTERN])],
      action: ListenerAction.forward([this.webhookTargetGroup]),
    });
    listener.addAction('FromCloudFront', {
      priority: 2,
      conditions: [fromCloudFront],
      action: ListenerAction.forward([this.targetGroup]),
    });

    this.assets = new Bucket(this, 'Assets', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'assets/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const albOrigin = this.albOrigin(props.originAccess, secretValue);
    const certificate = props.domain ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'shopgraph',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      // With its own certificate the distribution refuses anything below TLS 1.2.
      ...(props.domain && certificate ? { domainNames: props.domain.names, certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
      errorResponses: UNCACHED_ERROR_STATUSES.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      defaultBehavior: {
        origin: albOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: graphqlCachePolicy(this),
        originRequestPolicy: graphqlOriginRequestPolicy(this),
        compress: true,
      },
      additionalBehaviors: {
        // Never cached, nothing but the signature check's headers; HTTPS only, since a
        // redirected POST would arrive without its body.
        [WEBHOOK_PATH_PATTERN]: {
          origin: albOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: webhookOriginRequestPolicy(this),
          compress: false,
        },
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.assets),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
    });
  }

  /** The ALB as CloudFront's origin, carrying the origin secret whichever way it is reached. */
  private albOrigin(access: OriginAccess, originSecret: string): IOrigin {
    const tls = tlsOf(access);
    const common = {
      customHeaders: { [ORIGIN_SECRET_HEADER]: originSecret },
      // Named, not left to the default: a VPC origin's default is match-viewer, which would
      // speak HTTPS to an HTTP listener since every viewer is redirected to HTTPS.
      protocolPolicy: tls ? OriginProtocolPolicy.HTTPS_ONLY : OriginProtocolPolicy.HTTP_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
      keepaliveTimeout: Duration.seconds(5),
    };
    if (access.kind === 'vpc-origin') {
      // With TLS, CloudFront checks the listener's certificate against the origin's domain name.
      return VpcOrigin.withApplicationLoadBalancer(this.loadBalancer, { ...common, ...(tls ? { domainName: tls.domainName } : {}) });
    }
    return new HttpOrigin(tls?.domainName ?? this.loadBalancer.loadBalancerDnsName, common);
  }
}
