import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  Distribution,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Peer, Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
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
import { ALB_IDLE_TIMEOUT_SECONDS } from './service-environment.js';
import { SERVICE_PORTS } from './services.js';

/** The header CloudFront adds to every origin request; the ALB forwards only requests carrying it. */
export const ORIGIN_SECRET_HEADER = 'x-shopgraph-origin-verify';
/** The ALB lets a target drain this long: shorter than the task's stopTimeout. */
export const DEREGISTRATION_DELAY_SECONDS = 30;

export interface EdgeProps {
  vpc: IVpc;
  /** A custom domain for CloudFront, with its ACM certificate (us-east-1); the CloudFront domain otherwise. */
  domain?: { names: string[]; certificateArn: string } | undefined;
  /**
   * A DNS name of the ALB's own (pointed at it) with an ACM certificate in the stack's
   * region: CloudFront then reaches the ALB over HTTPS. Without it, over HTTP.
   */
  origin?: { domainName: string; certificateArn: string } | undefined;
}

/**
 * The way in: CloudFront (TLS, HTTP to HTTPS) in front of a public ALB without stickiness
 * that answers 403 to any request lacking CloudFront's origin secret, and an S3 bucket for
 * static assets. Only the gateway's target group sits behind the ALB.
 */
export class Edge extends Construct {
  readonly loadBalancer: ApplicationLoadBalancer;
  readonly targetGroup: ApplicationTargetGroup;
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

    const originSecret = new Secret(this, 'OriginSecret', {
      description: 'shopgraph: the header value CloudFront sends and the ALB requires',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const secretValue = originSecret.secretValue.unsafeUnwrap();

    this.securityGroup = new SecurityGroup(this, 'AlbSecurityGroup', { vpc: props.vpc, description: 'shopgraph ALB', allowAllOutbound: false });
    const originPort = props.origin ? 443 : 80;
    this.securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(originPort), 'CloudFront; requests without the origin secret get 403');
    this.loadBalancer = new ApplicationLoadBalancer(this, 'Alb', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      idleTimeout: Duration.seconds(ALB_IDLE_TIMEOUT_SECONDS),
      dropInvalidHeaderFields: true,
    });
    this.loadBalancer.logAccessLogs(logs, 'alb');

    this.targetGroup = new ApplicationTargetGroup(this, 'Gateways', {
      vpc: props.vpc,
      port: SERVICE_PORTS.gateway,
      protocol: ApplicationProtocol.HTTP,
      targetType: TargetType.IP,
      loadBalancingAlgorithmType: TargetGroupLoadBalancingAlgorithmType.ROUND_ROBIN,
      deregistrationDelay: Duration.seconds(DEREGISTRATION_DELAY_SECONDS),
      healthCheck: { path: '/ready', healthyHttpCodes: '200', interval: Duration.seconds(10), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
    });
    // Every replica serves every session: say so explicitly rather than rely on a default.
    this.targetGroup.setAttribute('stickiness.enabled', 'false');

    const listener = this.loadBalancer.addListener(props.origin ? 'Https' : 'Http', {
      port: originPort,
      protocol: props.origin ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
      ...(props.origin ? { certificates: [Certificate.fromCertificateArn(this, 'OriginCertificate', props.origin.certificateArn)] } : {}),
      open: false,
      defaultAction: ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'forbidden' }),
    });
    listener.addAction('FromCloudFront', {
      priority: 1,
      conditions: [ListenerCondition.httpHeader(ORIGIN_SECRET_HEADER, [secretValue])],
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

    // /graphql: POSTs are never cached. A GET (a persisted document) is cached only as long
    // as the response's own Cache-Control allows (default TTL 0: no header, no caching); the
    // gateway marks every response that sets a cookie `private, no-store`. Cookies are
    // forwarded but not in the key. CloudFront forwards Authorization only when it is in the
    // key, so bearer clients' cached answers are keyed by their own token.
    const graphqlCache = new CachePolicy(this, 'GraphqlCache', {
      comment: 'shopgraph /graphql: honour the origin Cache-Control; never shared across bearer tokens',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const graphqlOriginRequest = new OriginRequestPolicy(this, 'GraphqlOriginRequest', {
      comment: 'shopgraph /graphql: what the gateway reads',
      cookieBehavior: OriginRequestCookieBehavior.all(),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList('content-type', 'accept', 'user-agent', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'origin'),
    });
    const certificate = props.domain ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'shopgraph',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      // With its own certificate the distribution refuses anything below TLS 1.2.
      ...(props.domain && certificate ? { domainNames: props.domain.names, certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
      defaultBehavior: {
        origin: new HttpOrigin(props.origin?.domainName ?? this.loadBalancer.loadBalancerDnsName, {
          protocolPolicy: props.origin ? OriginProtocolPolicy.HTTPS_ONLY : OriginProtocolPolicy.HTTP_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          customHeaders: { [ORIGIN_SECRET_HEADER]: secretValue },
          readTimeout: Duration.seconds(30),
          keepaliveTimeout: Duration.seconds(5),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: graphqlCache,
        originRequestPolicy: graphqlOriginRequest,
        compress: true,
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.assets),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
    });
  }
}
