import type { TableDefinition } from '@shopgraph/shared';
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER } as const;

/**
 * One DynamoDB table from its definition in table-definitions.ts, the same definition the
 * local bootstrap and the tests create tables from: keys, indexes and TTL attribute come
 * only from there. Every table is on-demand, encrypted with the customer-managed key,
 * point-in-time recoverable, protected from deletion, and kept if its stack is deleted.
 */
export function tableFromDefinition(scope: Construct, id: string, definition: TableDefinition, tableName: string, key: IKey): Table {
  const table = new Table(scope, id, {
    tableName,
    partitionKey: { name: definition.partitionKey.name, type: ATTRIBUTE_TYPES[definition.partitionKey.type] },
    sortKey: { name: definition.sortKey.name, type: ATTRIBUTE_TYPES[definition.sortKey.type] },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
  });
  for (const index of definition.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey.name, type: ATTRIBUTE_TYPES[index.partitionKey.type] },
      sortKey: { name: index.sortKey.name, type: ATTRIBUTE_TYPES[index.sortKey.type] },
    });
  }
  return table;
}
