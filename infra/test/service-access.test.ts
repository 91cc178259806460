import { describe, expect, it } from 'vitest';
import { DYNAMODB_ACCESS } from '../lib/service-access.js';
import { SERVICES, type ServiceName } from '../lib/services.js';
import { actionsOfFile, dynamodbActionsUsed } from './dynamodb-commands.js';

const DIRS: Record<ServiceName, string> = {
  gateway: 'gateway',
  catalog: 'subgraphs/catalog',
  cart: 'subgraphs/cart',
  checkout: 'subgraphs/checkout',
  identity: 'subgraphs/identity',
};

describe('service-access.ts against the code', () => {
  it.each(SERVICES)('%s: its IAM actions are exactly the DynamoDB commands its src/ sends', (service) => {
    const { actions, files } = dynamodbActionsUsed(DIRS[service]);
    // On failure: `files` says where each action comes from; update DYNAMODB_ACCESS to match.
    expect({ service, granted: [...DYNAMODB_ACCESS[service].actions].sort() }).toEqual({ service, granted: actions });
    if (service !== 'gateway') expect(Object.keys(files).length).toBeGreaterThan(0);
  });

  it('control: the scan sees commands, transaction items and only imported AWS SDK commands', () => {
    const text = `import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
      await client.send(new QueryCommand({}));
      await client.send(new TransactWriteCommand({ TransactItems: [{ ConditionCheck: {} }, { Delete: {} }] }));
      new ListCommand();`;
    expect(actionsOfFile(text).sort()).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:Query']);
    expect(() => actionsOfFile(`import { ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';\nnew ExecuteStatementCommand({});`)).toThrow(/no IAM action known/);
  });
});
