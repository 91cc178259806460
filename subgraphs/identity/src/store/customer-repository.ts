import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Customer, StoredCustomer } from '../domain/identity-types.js';
import { EmailTakenError, StoreBusyError } from '../errors.js';
import { keys, normaliseEmail } from './keys.js';

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
  /** With the password hash, for a password check. */
  findStoredById(id: string): Promise<StoredCustomer | undefined>;
  findByEmail(email: string): Promise<StoredCustomer | undefined>;
  /**
   * Marks `email` verified, together with `spend` (the link that proves it): 'refused' when
   * the link was spent or expired meanwhile, or the customer's email is no longer `email`.
   */
  confirmEmail(customerId: string, email: string, spend: TransactItem, now: Date): Promise<'confirmed' | 'refused'>;
  /**
   * Moves the customer from email `from` to the verified `to`, together with `spend`: the
   * unique email item moves with it. 'email-taken' when someone has `to` by now; 'refused'
   * when the link was spent or the customer's email is no longer `from`.
   */
  changeEmail(customerId: string, change: { from: string; to: string }, spend: TransactItem, now: Date): Promise<'changed' | 'email-taken' | 'refused'>;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The reasons a transaction was cancelled, by item; throws StoreBusyError for "try again later". */
function cancellationReasons(error: unknown): string[] {
  if (!(error instanceof TransactionCanceledException)) throw createFailure(error);
  const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  if (!reasons.includes('ConditionalCheckFailed')) {
    const busy = reasons.find((code) => BUSY.has(code));
    if (busy) throw new StoreBusyError(busy);
  }
  return reasons;
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
                  Item: customerItem(customer),
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
      const { passwordHash: _omitted, passwordChangedAt: _changed, ...customer } = stored;
      return customer;
    },

    findStoredById: storedById,

    async confirmEmail(customerId, email, spend, now) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              spend,
              {
                Update: {
                  TableName: tableName,
                  Key: keys.customer(customerId),
                  UpdateExpression: 'SET emailVerifiedAt = :now',
                  ConditionExpression: 'attribute_exists(PK) AND email = :email',
                  ExpressionAttributeValues: { ':now': now.toISOString(), ':email': email },
                },
              },
            ],
          }),
        );
        return 'confirmed';
      } catch (error) {
        cancellationReasons(error);
        return 'refused';
      }
    },

    async changeEmail(customerId, { from, to }, spend, now) {
      try {
        // The email items are what keeps emails unique: the old one goes (only if it is still
        // this customer's) and the new one comes (only if nobody has it), with the customer.
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              spend,
              {
                Delete: {
                  TableName: tableName,
                  Key: keys.email(normaliseEmail(from)),
                  ConditionExpression: 'customerId = :customerId',
                  ExpressionAttributeValues: { ':customerId': customerId },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.email(normaliseEmail(to)), entity: 'CustomerEmail', customerId },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: keys.customer(customerId),
                  UpdateExpression: 'SET email = :to, emailVerifiedAt = :now',
                  ConditionExpression: 'attribute_exists(PK) AND email = :from',
                  ExpressionAttributeValues: { ':to': to, ':from': from, ':now': now.toISOString() },
                },
              },
            ],
          }),
        );
        return 'changed';
      } catch (error) {
        const reasons = cancellationReasons(error);
        // Item 2 is the new email's.
        return reasons[2] === 'ConditionalCheckFailed' ? 'email-taken' : 'refused';
      }
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

/** The customer item: `emailVerified` is stored as the time it became true. */
function customerItem({ emailVerified, ...customer }: StoredCustomer): Record<string, unknown> {
  return { ...keys.customer(customer.id), entity: 'Customer', ...customer, ...(emailVerified ? { emailVerifiedAt: customer.createdAt } : {}) };
}

function toStoredCustomer(item: Record<string, unknown>): StoredCustomer {
  return {
    id: item['id'] as string,
    email: item['email'] as string,
    name: item['name'] as string,
    role: item['role'] as StoredCustomer['role'],
    createdAt: item['createdAt'] as string,
    // Accounts from before verification existed have none: unverified until they follow a link.
    emailVerified: typeof item['emailVerifiedAt'] === 'string',
    passwordHash: item['passwordHash'] as StoredCustomer['passwordHash'],
    ...(typeof item['passwordChangedAt'] === 'number' ? { passwordChangedAt: item['passwordChangedAt'] } : {}),
  };
}
