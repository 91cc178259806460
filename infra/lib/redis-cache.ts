import { Fn, SecretValue } from 'aws-cdk-lib';
import { Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { CfnParameterGroup, CfnReplicationGroup, CfnSubnetGroup } from 'aws-cdk-lib/aws-elasticache';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Sizing } from './sizing.js';

/** Not the default 6379, so a scan for open Redis ports finds nothing here. */
export const REDIS_PORT = 6380;
/** The engine, and the parameter group family that goes with its major version: they change together. */
export const REDIS_ENGINE = { engine: 'valkey', version: '8.0', parameterGroupFamily: 'valkey8' } as const;
/**
 * Every revocation key carries a TTL, so any `volatile-*` policy (ElastiCache's default is
 * `volatile-lru`) may evict one while the "every revocation is here" marker survives, and a
 * revoked token would be accepted again. With `noeviction` a full Redis refuses the write
 * instead, which the services treat as Redis being down.
 */
export const REDIS_MAXMEMORY_POLICY = 'noeviction';

export interface RedisCacheProps {
  vpc: IVpc;
  sizing: Sizing;
}

/**
 * ElastiCache (Valkey, Redis-compatible) for the losable fast paths: private subnets, TLS
 * in transit (required), encrypted at rest, an AUTH token from Secrets Manager. Services
 * get REDIS_URL, `rediss://` with the token in it, as a secret; ioredis speaks TLS for
 * `rediss://` URLs. Cluster mode is off, so catalog's and checkout's pub/sub change notices
 * work as they do locally.
 */
export class RedisCache extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The full `rediss://:<token>@<host>:<port>` URL. */
  readonly urlSecret: Secret;

  constructor(scope: Construct, id: string, { vpc, sizing }: RedisCacheProps) {
    super(scope, id);
    // ElastiCache AUTH tokens: 16-128 printable characters; letters and digits keep the URL plain.
    const authToken = new Secret(this, 'AuthToken', {
      description: 'shopgraph ElastiCache AUTH token',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', { vpc, description: 'shopgraph Redis: only its clients', allowAllOutbound: false });
    const subnets = new CfnSubnetGroup(this, 'Subnets', {
      description: 'shopgraph Redis, private subnets',
      subnetIds: vpc.selectSubnets({ subnetType: SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
    });
    const parameters = new CfnParameterGroup(this, 'Parameters', {
      description: `shopgraph ${sizing.name} Redis: never evict a key`,
      cacheParameterGroupFamily: REDIS_ENGINE.parameterGroupFamily,
      properties: { 'maxmemory-policy': REDIS_MAXMEMORY_POLICY },
    });
    const replicated = sizing.redis.replicas > 0;
    const group = new CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: `shopgraph ${sizing.name} fast paths`,
      engine: REDIS_ENGINE.engine,
      engineVersion: REDIS_ENGINE.version,
      cacheParameterGroupName: parameters.ref,
      cacheNodeType: sizing.redis.nodeType,
      numCacheClusters: 1 + sizing.redis.replicas,
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      port: REDIS_PORT,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      authToken: authToken.secretValue.unsafeUnwrap(),
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      snapshotRetentionLimit: 0,
    });
    this.urlSecret = new Secret(this, 'Url', {
      description: 'shopgraph REDIS_URL (rediss://, with the AUTH token)',
      // CloudFormation resolves the token's dynamic reference inside this value at deploy time.
      secretStringValue: SecretValue.unsafePlainText(
        Fn.join('', ['rediss://:', authToken.secretValue.unsafeUnwrap(), '@', group.attrPrimaryEndPointAddress, ':', String(REDIS_PORT)]),
      ),
    });
  }

  /** Lets `client` open connections to Redis; nothing else can. */
  admit(client: SecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(client, Port.tcp(REDIS_PORT), description);
  }
}
