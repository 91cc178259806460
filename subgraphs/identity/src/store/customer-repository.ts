import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Customer, StoredCustomer } from '../domain/identity-types.js';
import { keys, normaliseEmail } from './keys.js';

export class EmailTakenError extends Error {
  constructor() {
    super('EMAIL_TAKEN');
  }
}

/** Customers and their unique emails. Callers get domain objects, never DynamoDB items. */
export interface CustomerRepository {
  /** Throws EmailTakenError when the email (in any case) belongs to someone already. */
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
        if (error instanceof TransactionCanceledException) throw new EmailTakenError();
        throw error;
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
