import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { DYNAMODB_ACCESS, kmsActionsFor } from './service-access.js';
import type { ServiceName } from './services.js';

/**
 * A service's task role with its DynamoDB permissions written out: its own tables and
 * their indexes by ARN, only the actions in service-access.ts, and the tables' key only
 * through DynamoDB. No wildcard resource or action.
 */
export function taskRoleFor(scope: Construct, service: ServiceName, tables: Record<TableKey, ITable>, dataKey: IKey): Role {
  const stack = Stack.of(scope);
  const role = new Role(scope, `${service}TaskRole`, {
    assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com', {
      // Only ECS tasks of this account may assume it (confused-deputy guard).
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
    description: `shopgraph ${service}: the running task's own permissions`,
  });
  const access = DYNAMODB_ACCESS[service];
  if (access.tables.length === 0) return role;
  const tableArns = access.tables.flatMap((key) => [
    tables[key].tableArn,
    ...tableDefinitions[key].globalSecondaryIndexes.map((index) => `${tables[key].tableArn}/index/${index.indexName}`),
  ]);
  role.attachInlinePolicy(
    new Policy(scope, `${service}TablesPolicy`, {
      statements: [
        new PolicyStatement({ sid: 'OwnTables', actions: [...access.actions], resources: tableArns }),
        new PolicyStatement({
          sid: 'TablesKeyThroughDynamoDb',
          actions: [...kmsActionsFor(access)],
          resources: [dataKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
        }),
      ],
    }),
  );
  return role;
}
