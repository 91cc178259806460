import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Customer, StoredCustomer } from '../domain/identity-types.js';
import { keys, normaliseEmail } from './keys.js';

export class EmailTakenError extends Error {
  constructor() {
    super('EMAIL_TAKEN');
  }
}

/**
 * DynamoDB could not do the write just now (throttled, or another transaction held an item):
 * nothing was written, and the same request may succeed later.
 */
export class StoreBusyError extends Error {
  constructor(reason: string) {
    super(`the identity table is busy: ${reason}`);
  }
}

/** Errors and cancellation reasons that mean "try again later", not "the data says no". */
export const BUSY = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'ProvisionedThroughputExceeded',
  'ThrottlingError',
  'TransactionConflict',
]);

/** Customers and their unique emails. Callers get domain objects, never DynamoDB items. */
export interface CustomerRepository {
  /**
   * Throws EmailTakenError when the email (in any case) belongs to someone already, and
   * StoreBusyError when DynamoDB throttled or a concurrent transaction got in the way.
   */
  create(customer: StoredCustomer): Promise<void>;
  findById(id: string): Promise<Customer | undefined>;
  findByEmail(email: string): Promise<StoredCustomer | undefined>;
}

export function createCustomerRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CustomerRepository {
  async function storedById(id: string): Promise<StoredCustomer | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.customer(id) }));
    return Item ? toStoredCustomer(Item) : undefined;
  }

  return {
    async create(customer) {
      try {
        // The email item and the customer are written together, each only if absent: two
        // concurrent sign-ups with one email cannot both succeed.
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.email(normaliseEmail(customer.email)), entity: 'CustomerEmail', customerId: customer.id },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.customer(customer.id), entity: 'Customer', ...customer },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        throw createFailure(error);
      }
    },

    async findById(id) {
      const stored = await storedById(id);
      if (!stored) return undefined;
      const { passwordHash: _omitted, ...customer } = stored;
      return customer;
    },

    async findByEmail(email) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.email(normaliseEmail(email)) }));
      return Item ? storedById(Item['customerId'] as string) : undefined;
    },
  };
}

/**
 * Only the email item's own condition failing means the email is taken: a cancellation for
 * throttling or a conflicting transaction says nothing about the email, and answering
 * EMAIL_TAKEN then would turn an overload into a false "you have an account".
 */
function createFailure(error: unknown): unknown {
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    // Item 0 is the email item (see create).
    if (reasons[0] === 'ConditionalCheckFailed') return new EmailTakenError();
    const busy = reasons.find((code) => BUSY.has(code));
    if (busy) return new StoreBusyError(busy);
    return error;
  }
  const name = (error as { name?: string }).name;
  return name && BUSY.has(name) ? new StoreBusyError(name) : error;
}

function toStoredCustomer(item: Record<string, unknown>): StoredCustomer {
  return {
    id: item['id'] as string,
    email: item['email'] as string,
    name: item['name'] as string,
    role: item['role'] as StoredCustomer['role'],
    createdAt: item['createdAt'] as string,
    passwordHash: item['passwordHash'] as StoredCustomer['passwordHash'],
  };
}
