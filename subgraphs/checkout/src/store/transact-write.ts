import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff } from '@shopgraph/shared/dynamo';
import { StoreContendedError } from '../errors.js';

export type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** Transactions over one hot stock item conflict; each retry means another order committed. */
const MAX_CONFLICT_ATTEMPTS = 12;

/**
 * One TransactWriteItems. Undefined when it committed; otherwise the cancellation reason of
 * each item ('None' for those that were fine), for the caller to say which condition failed.
 * A TransactionConflict alone (another transaction on the same items at that moment) is
 * retried with jittered backoff: nothing was written, and the next attempt may commit.
 */
export async function transactWithRetry(client: DynamoDBDocumentClient, items: TransactItems): Promise<string[] | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const conflicted = reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (!conflicted) return reasons;
      if (attempt >= MAX_CONFLICT_ATTEMPTS) throw new StoreContendedError();
      await backoff(attempt);
    }
  }
}
