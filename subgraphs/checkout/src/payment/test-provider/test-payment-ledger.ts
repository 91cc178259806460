import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../store/keys.js';
import type { TestPayment } from './test-payment-rules.js';

interface TestPaymentItem extends TestPayment {
  PK: string;
  SK: string;
  entity: 'TestPayment';
}

/**
 * The test provider's ledger, in checkout's table as items of its own (store/keys.ts), so a
 * restarted replica or another one sees every payment. Every write is conditional: a first
 * payment on `attribute_not_exists`, a change on the version it read.
 */
export interface TestPaymentLedger {
  get(orderId: string, signal: AbortSignal): Promise<TestPayment | undefined>;
  /** False when a payment for this order exists already. */
  create(payment: TestPayment, signal: AbortSignal): Promise<boolean>;
  /** Writes `payment` (its version bumped) if the stored one is still at `payment.version`; false otherwise. */
  replace(payment: TestPayment, signal: AbortSignal): Promise<TestPayment | undefined>;
  /** Every payment in the ledger, for tests that count what was charged. */
  all(): Promise<TestPayment[]>;
}

export function createTestPaymentLedger({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): TestPaymentLedger {
  const put = async (item: TestPaymentItem, condition: Pick<ConstructorParameters<typeof PutCommand>[0], 'ConditionExpression' | 'ExpressionAttributeValues'>, signal: AbortSignal) => {
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: item, ...condition }), { abortSignal: signal });
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  };
  const toItem = (payment: TestPayment): TestPaymentItem => ({ ...keys.testPayment(payment.orderId), entity: 'TestPayment', ...payment });
  const toPayment = ({ PK: _pk, SK: _sk, entity: _entity, ...payment }: TestPaymentItem): TestPayment => payment;

  return {
    async get(orderId, signal) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.testPayment(orderId), ConsistentRead: true }), { abortSignal: signal });
      return Item ? toPayment(Item as TestPaymentItem) : undefined;
    },
    create: (payment, signal) => put(toItem(payment), { ConditionExpression: 'attribute_not_exists(PK)' }, signal),
    async replace(payment, signal) {
      const next = { ...payment, version: payment.version + 1 };
      const written = await put(toItem(next), { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': payment.version } }, signal);
      return written ? next : undefined;
    },
    async all() {
      const payments: TestPayment[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: tableName, FilterExpression: 'entity = :entity', ExpressionAttributeValues: { ':entity': 'TestPayment' }, ExclusiveStartKey: start }),
        );
        payments.push(...((page.Items ?? []) as TestPaymentItem[]).map(toPayment));
        start = page.LastEvaluatedKey;
      } while (start);
      return payments;
    },
  };
}
