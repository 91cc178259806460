import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A /ready probe: the table answers and is usable. */
export function tableReadinessCheck(client: DynamoDBDocumentClient, tableName: string) {
  return {
    name: `dynamodb:${tableName}`,
    critical: true,
    async probe() {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus !== 'ACTIVE' && Table?.TableStatus !== 'UPDATING') {
        throw new Error(`table ${tableName} is ${Table?.TableStatus ?? 'missing'}`);
      }
    },
  };
}
