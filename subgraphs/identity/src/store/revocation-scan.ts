import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface UnexpiredRevocations {
  sessions: { sessionId: string; expiresAt: number }[];
  marks: { customerId: string; through: number; expiresAt: number }[];
}

/**
 * Every revoked session and every customer's mark that could still refuse a presented token,
 * a page at a time: what Redis must hold again after it lost its data. One full scan for both,
 * so only for that rare recovery.
 */
export async function* unexpiredRevocations(
  { client, tableName }: { client: DynamoDBDocumentClient; tableName: string },
  now: Date,
): AsyncGenerator<UnexpiredRevocations> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression:
          '(entity = :session AND attribute_exists(revokedAt) AND expiresAt > :now) OR (entity = :customer AND sessionsEndedExpiresAt > :now)',
        ProjectionExpression: 'entity, sessionId, expiresAt, id, sessionsEndedThrough, sessionsEndedExpiresAt',
        ExpressionAttributeValues: { ':session': 'Session', ':customer': 'Customer', ':now': Math.floor(now.getTime() / 1000) },
        ExclusiveStartKey: startKey,
      }),
    );
    const items = output.Items ?? [];
    const page: UnexpiredRevocations = {
      sessions: items.filter((item) => item['entity'] === 'Session').map((item) => ({ sessionId: item['sessionId'] as string, expiresAt: item['expiresAt'] as number })),
      marks: items
        .filter((item) => item['entity'] === 'Customer')
        .map((item) => ({ customerId: item['id'] as string, through: item['sessionsEndedThrough'] as number, expiresAt: item['sessionsEndedExpiresAt'] as number })),
    };
    if (items.length > 0) yield page;
    startKey = output.LastEvaluatedKey;
  } while (startKey);
}
