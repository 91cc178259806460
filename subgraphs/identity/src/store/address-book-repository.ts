import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressBook } from '../domain/address-book-rules.js';
import { keys } from './keys.js';

/** A customer's address book, read and written whole under its version. */
export interface AddressBookRepository {
  /** The book as stored; an empty one at version 0 when the customer never saved an address. */
  get(customerId: string): Promise<AddressBook>;
  /**
   * Writes `book` if the stored one is still at `book.version - 1` (or absent, for version 1):
   * two edits at once cannot both pass the size limit or leave two defaults. 'conflict' when
   * another write landed first; nothing was written.
   */
  save(customerId: string, book: AddressBook): Promise<'saved' | 'conflict'>;
}

export function createAddressBookRepository({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): AddressBookRepository {
  return {
    async get(customerId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.addressBook(customerId), ConsistentRead: true }));
      if (!Item) return { addresses: [], version: 0 };
      return {
        addresses: Item['addresses'] as AddressBook['addresses'],
        version: Item['version'] as number,
        ...(typeof Item['defaultShippingAddressId'] === 'string' ? { defaultShippingAddressId: Item['defaultShippingAddressId'] } : {}),
      };
    },

    async save(customerId, book) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.addressBook(customerId), entity: 'AddressBook', customerId, ...book },
            ConditionExpression: book.version === 1 ? 'attribute_not_exists(PK)' : 'version = :previous',
            ...(book.version === 1 ? {} : { ExpressionAttributeValues: { ':previous': book.version - 1 } }),
          }),
        );
        return 'saved';
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'conflict';
        throw error;
      }
    },
  };
}
