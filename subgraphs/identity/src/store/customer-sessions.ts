import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@shopgraph/shared';
import { BUSY } from './customer-repository.js';
import { StoreBusyError } from '../errors.js';
import { keys } from './keys.js';
import { pendingRevocationItem } from './pending-revocations.js';

/** A customer's mark: every session of theirs numbered `through` or below has ended. */
export interface SessionsEnded {
  through: number;
  /** When it was set, epoch milliseconds by identity's clock; the listing reads from shortly before. */
  at: number;
  /** Epoch seconds after which every session it ended has expired anyway. */
  expiresAt: number;
}

/**
 * What the customer item records about the customer's sessions: a counter that numbers each
 * sign-in, and the mark that ends every session up to a number (see endedByMark). Both live
 * on one item, so DynamoDB orders every sign-in against every mark.
 */
export interface CustomerSessions {
  /**
   * Numbers a sign-in: the counter moves up by one, and the role is read in the same write, so
   * a session numbered after a role change carries the new role. Undefined without such a customer.
   */
  numberSignIn(customerId: string): Promise<{ signInNumber: number; role: Role } | undefined>;
  /**
   * Ends every session signed in so far, and notes that the mark must reach Redis (see
   * PendingRevocations), in one transaction; answers the note's id. Undefined without such a
   * customer. Throws StoreBusyError when another write to the item got in the way.
   */
  endAll(customerId: string, at: Date, expiresAt: number): Promise<{ noteId: string } | undefined>;
  /**
   * Changes the role from `from` to `to` and ends every session signed in so far, in the same
   * transaction as endAll's: no session numbered before it can carry the old role past it.
   * 'conflict' when the role is no longer `from` (or the customer is gone): nothing was written.
   */
  changeRole(customerId: string, change: { from: Role; to: Role }, at: Date, expiresAt: number): Promise<{ noteId: string } | 'conflict'>;
  /**
   * Ends every session signed in so far together with `change` to the customer item (and its
   * writes alongside), in one transaction. `refused` says whose condition failed: nothing was
   * written. Throws StoreBusyError when another write got in the way.
   */
  endAllWith(customerId: string, at: Date, expiresAt: number, change: CustomerChange): Promise<{ noteId: string } | { refused: 'customer' | 'alongside' }>;
  /** The customer's mark, read consistently; undefined when there is none. */
  endedOf(customerId: string): Promise<SessionsEnded | undefined>;
}

/**
 * A change written to the customer item in the same transaction as a mark: SET clauses and a
 * condition over `names` and `values` (placeholders other than :zero, :at and :expiresAt),
 * and other items' writes that must succeed with it.
 */
export interface CustomerChange {
  set: string[];
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  alongside?: NonNullable<TransactWriteCommandInput['TransactItems']>;
}

/** The mark takes the counter's value as it is when the write lands, not as a caller read it. */
const SET_MARK = 'SET sessionsEndedThrough = if_not_exists(signInCount, :zero), sessionsEndedAt = :at, sessionsEndedExpiresAt = :expiresAt';

/**
 * Customer items once listed every session id, for sign-out everywhere to revoke one by one.
 * Nothing reads that list now, so it goes with the next write the item gets anyway (a sign-in
 * or a mark): no request of its own, and no work that grows with the list.
 */
const DROP_SESSION_ID_LIST = 'REMOVE sessionIds';

function toEnded(item: Record<string, unknown> | undefined): SessionsEnded | undefined {
  if (item?.['sessionsEndedThrough'] === undefined) return undefined;
  return {
    through: item['sessionsEndedThrough'] as number,
    at: item['sessionsEndedAt'] as number,
    expiresAt: item['sessionsEndedExpiresAt'] as number,
  };
}

export function createCustomerSessions({ client, tableName }: { client: DynamoDBDocumentClient; tableName: string }): CustomerSessions {
  /**
   * The mark and its note in one transaction: the revocation sync, finding the note, always
   * finds the mark it stands for (or a later one), and a crash cannot leave a mark without a
   * note. The note cannot hold the mark's number, which only the write decides; the sync reads it.
   * A change rides in the same transaction (a new role, a new password and the link that
   * allowed it), so no session numbered before it outlives it.
   */
  async function markWithNote(customerId: string, at: Date, expiresAt: number, change?: CustomerChange): Promise<{ noteId: string } | { refused: 'customer' | 'alongside' }> {
    const note = pendingRevocationItem({ customerId }, expiresAt);
    const alongside = change?.alongside ?? [];
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: note.item } },
            {
              Update: {
                TableName: tableName,
                Key: keys.customer(customerId),
                UpdateExpression: `${[SET_MARK, ...(change?.set ?? [])].join(', ')} ${DROP_SESSION_ID_LIST}`,
                ConditionExpression: ['attribute_exists(PK)', ...(change?.condition ? [change.condition] : [])].join(' AND '),
                ...(change?.names ? { ExpressionAttributeNames: change.names } : {}),
                ExpressionAttributeValues: { ':zero': 0, ':at': at.getTime(), ':expiresAt': expiresAt, ...change?.values },
              },
            },
            ...alongside,
          ],
        }),
      );
      return { noteId: note.id };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      // Item 1 is the customer's; the change's own writes follow it.
      if (reasons[1] === 'ConditionalCheckFailed') return { refused: 'customer' };
      if (reasons.slice(2).includes('ConditionalCheckFailed')) return { refused: 'alongside' };
      const busy = reasons.find((code) => BUSY.has(code));
      if (busy) throw new StoreBusyError(busy);
      throw error;
    }
  }

  return {
    async numberSignIn(customerId) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.customer(customerId),
            UpdateExpression: `ADD signInCount :one ${DROP_SESSION_ID_LIST}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { signInNumber: Attributes!['signInCount'] as number, role: Attributes!['role'] as Role };
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
        throw error;
      }
    },

    async endAll(customerId, at, expiresAt) {
      const marked = await markWithNote(customerId, at, expiresAt);
      return 'noteId' in marked ? marked : undefined;
    },

    async changeRole(customerId, { from, to }, at, expiresAt) {
      const marked = await markWithNote(customerId, at, expiresAt, {
        set: ['#role = :to'],
        condition: '#role = :from',
        names: { '#role': 'role' },
        values: { ':from': from, ':to': to },
      });
      return 'noteId' in marked ? marked : 'conflict';
    },

    endAllWith: markWithNote,

    async endedOf(customerId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.customer(customerId),
          ConsistentRead: true,
          ProjectionExpression: 'sessionsEndedThrough, sessionsEndedAt, sessionsEndedExpiresAt',
        }),
      );
      return toEnded(Item);
    },
  };
}
