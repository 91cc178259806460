import { createLogger, tableDefinitions, type Logger } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The catalog table a command works on and the Redis its replicas listen to. */
export interface CatalogTarget {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Absent: running replicas pick the change up at their next full resync instead. */
  redis?: { url: string; prefix: string };
  logger: Logger;
}

/**
 * From the same variables the catalog service reads: DYNAMODB_ENDPOINT (omitted: AWS itself,
 * in AWS_REGION), CATALOG_TABLE, REDIS_URL and REDIS_KEY_PREFIX.
 */
export function catalogTargetFromEnv(env: Record<string, string | undefined>): CatalogTarget {
  const endpoint = env['DYNAMODB_ENDPOINT'];
  return {
    // Generous per-request budget: DynamoDB Local slows down under a parallel bulk load.
    client: createDocumentClient({ region: env['AWS_REGION'] ?? 'us-east-1', ...(endpoint ? { endpoint } : {}), requestTimeoutMs: 30_000 }),
    tableName: env['CATALOG_TABLE'] || tableDefinitions.catalog.defaultName,
    ...(env['REDIS_URL'] ? { redis: { url: env['REDIS_URL'], prefix: env['REDIS_KEY_PREFIX'] ?? 'shopgraph:' } } : {}),
    logger: createLogger({ service: 'catalog-import', level: 'warn' }),
  };
}
