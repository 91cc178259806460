import type { TableKey } from '@shopgraph/shared';
import type { ServiceName } from './services.js';

/**
 * What each service's task role may do in DynamoDB: its own table (the owner in
 * table-definitions.ts) and only the actions its code sends. Written out by hand, not with
 * CDK's grant* helpers, which grant more. test/service-access.test.ts scans each service's
 * src/ for the AWS SDK commands it sends and fails when this list and the code disagree:
 * change the code, then this list.
 */
export interface DynamoDbAccess {
  /** The tables the service reads or writes (by key in tableDefinitions). */
  tables: readonly TableKey[];
  actions: readonly DynamoDbAction[];
}

export type DynamoDbAction =
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:DescribeTable'
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:Query'
  | 'dynamodb:Scan'
  | 'dynamodb:UpdateItem';

export const DYNAMODB_ACCESS: Record<ServiceName, DynamoDbAccess> = {
  // The gateway holds no table: the revocation fallback asks identity, not DynamoDB.
  gateway: { tables: [], actions: [] },
  catalog: {
    tables: ['catalog'],
    // DescribeTable: the /ready probe. UpdateItem: price changes (in a transaction).
    actions: ['dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  },
  cart: {
    tables: ['cart'],
    // UpdateItem: each line change is one atomic update of the cart item.
    actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  checkout: {
    tables: ['checkout'],
    // BatchWriteItem: the inventory repository's bulk stock writes. Scan: catalog's paged read
    // of every stock level at its start-up (/internal/stock/levels). In transactions: PutItem
    // (an order, its idempotency key, cart hold and recovery entry), UpdateItem (stock, the
    // order's status), DeleteItem (the hold and the recovery entry, once resolved).
    // Query: the recovery shards and a customer's orders (GSI1). GetItem: an order, an idempotency key.
    actions: [
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ],
  },
  identity: {
    tables: ['identity'],
    // Scan: copying every unexpired revocation back into a Redis that lost its data.
    // DeleteItem: a pending revocation once written to Redis.
    actions: [
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ],
  },
};

/** KMS actions on the tables' key, per kind of access, always through DynamoDB only. */
export const KMS_ACTIONS_FOR_READS = ['kms:Decrypt', 'kms:DescribeKey'] as const;
export const KMS_ACTIONS_FOR_WRITES = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] as const;
const WRITE_ACTIONS: readonly DynamoDbAction[] = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

export function kmsActionsFor(access: DynamoDbAccess): readonly string[] {
  if (access.tables.length === 0) return [];
  return access.actions.some((action) => WRITE_ACTIONS.includes(action)) ? KMS_ACTIONS_FOR_WRITES : KMS_ACTIONS_FOR_READS;
}
