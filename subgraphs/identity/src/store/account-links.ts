import { GetCommand, PutCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';

/** What an emailed link lets its holder do once. */
export type LinkPurpose = 'password-reset' | 'verify-email' | 'change-email';

/** A link as stored, under the hash of its token. */
export interface AccountLink {
  purpose: LinkPurpose;
  customerId: string;
  /** The address the link was sent to: the account's (reset, verify) or the new one (change-email). */
  email: string;
  /** Epoch milliseconds: a reset link older than the customer's last password change is void. */
  issuedAt: number;
  /** Epoch seconds; DynamoDB's TTL attribute. */
  expiresAt: number;
  usedAt?: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Emailed single-use links, stored by the hash of their token. */
export interface AccountLinks {
  issue(tokenHash: string, link: AccountLink): Promise<void>;
  /** The link, when it exists, is unused, unexpired and of this purpose; else undefined. */
  findUsable(tokenHash: string, purposes: readonly LinkPurpose[], now: Date): Promise<AccountLink | undefined>;
  /**
   * The write that spends the link, for a transaction with the change it allows: it fails
   * (and so does the change) when the link was spent meanwhile or has expired.
   */
  spendItem(tokenHash: string, now: Date): TransactItem;
}

export function createAccountLinks({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): AccountLinks {
  return {
    async issue(tokenHash, link) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.link(tokenHash), entity: 'AccountLink', ...link },
          // 256 random bits: a collision would be a bug, and must not overwrite a link.
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async findUsable(tokenHash, purposes, now) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.link(tokenHash), ConsistentRead: true }));
      if (!Item) return undefined;
      const link = Item as unknown as AccountLink;
      // TTL deletion is lazy: an expired link may still be read, and counts as gone.
      const usable = !link.usedAt && link.expiresAt > Math.floor(now.getTime() / 1000) && purposes.includes(link.purpose);
      return usable ? link : undefined;
    },

    spendItem(tokenHash, now) {
      return {
        Update: {
          TableName: tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET usedAt = :usedAt',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAt > :nowSeconds',
          ExpressionAttributeValues: { ':usedAt': now.toISOString(), ':nowSeconds': Math.floor(now.getTime() / 1000) },
        },
      };
    },
  };
}
