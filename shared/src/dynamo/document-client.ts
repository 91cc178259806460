import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DocumentClientOptions {
  region: string;
  /** Set for DynamoDB Local; unset in AWS, where the SDK's standard credential chain applies. */
  endpoint?: string | undefined;
  /** Per-attempt budget, so a stalled connection fails a request instead of hanging it. */
  requestTimeoutMs?: number;
}

export function createDocumentClient({ region, endpoint, requestTimeoutMs = 3_000 }: DocumentClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts: 3,
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: 1_000 },
    ...(endpoint
      ? {
          endpoint,
          // DynamoDB Local checks that credentials are present, not what they are.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
