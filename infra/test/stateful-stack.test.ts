import { tableDefinitions, type TableKey } from '@shopgraph/shared';
import { describe, expect, it } from 'vitest';
import { logicalId, resourcesOf, synthesize } from './synthesize.js';

const { stacks, stateful, services } = synthesize();
const tables = resourcesOf(stateful, 'AWS::DynamoDB::Table');
const keyId = logicalId(stacks.stateful.dataKey);
const tableKeys = Object.keys(tableDefinitions) as TableKey[];
const tableOf = (key: TableKey) => tables[logicalId(stacks.stateful.tables[key])]!;

describe('the stateful stack', () => {
  it('holds one table per table definition, and nothing else holds a table', () => {
    expect(Object.keys(tables)).toHaveLength(tableKeys.length);
    expect(resourcesOf(services, 'AWS::DynamoDB::Table')).toEqual({});
  });

  it.each(tableKeys)('%s: keys and indexes exactly as table-definitions.ts defines them', (key) => {
    const definition = tableDefinitions[key];
    const properties = tableOf(key).Properties!;
    expect(properties['KeySchema']).toEqual([
      { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
    ]);
    const indexes = (properties['GlobalSecondaryIndexes'] ?? []) as { IndexName: string; KeySchema: unknown[] }[];
    expect(indexes.map((index) => [index.IndexName, index.KeySchema])).toEqual(
      definition.globalSecondaryIndexes.map((index) => [
        index.indexName,
        [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
      ]),
    );
    const attributes = (properties['AttributeDefinitions'] as { AttributeName: string; AttributeType: string }[]).map((attribute) => `${attribute.AttributeName}:${attribute.AttributeType}`).sort();
    const expected = [definition.partitionKey, definition.sortKey, ...definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])].map((attribute) => `${attribute.name}:${attribute.type}`);
    expect(attributes).toEqual([...new Set(expected)].sort());
  });

  it.each(tableKeys)('%s: TTL where the service expects one, and none where it does not', (key) => {
    const ttl = tableOf(key).Properties!['TimeToLiveSpecification'];
    const attribute = (tableDefinitions[key] as { timeToLiveAttribute?: string }).timeToLiveAttribute;
    expect(ttl).toEqual(attribute ? { AttributeName: attribute, Enabled: true } : undefined);
  });

  it.each(tableKeys)('%s: on demand, point-in-time recovery, deletion protection, retained', (key) => {
    const table = tableOf(key);
    expect(table.Properties!['BillingMode']).toBe('PAY_PER_REQUEST');
    expect(table.Properties!['PointInTimeRecoverySpecification']).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties!['DeletionProtectionEnabled']).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it.each(tableKeys)('%s: encrypted with the stack’s customer-managed key (by reference, not only a flag)', (key) => {
    expect(tableOf(key).Properties!['SSESpecification']).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('the key rotates and is retained', () => {
    const key = resourcesOf(stateful, 'AWS::KMS::Key')[keyId]!;
    expect(key.Properties!['EnableKeyRotation']).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('keeps the session key ring, the internal private key and the three signing keys in Secrets Manager, retained', () => {
    const secrets = resourcesOf(stateful, 'AWS::SecretsManager::Secret');
    const keySecrets = [
      stacks.stateful.sessionKeys,
      stacks.stateful.internalContextPrivateKey,
      stacks.stateful.checkoutSigningKey,
      stacks.stateful.catalogSigningKey,
      stacks.stateful.identitySigningKey,
      stacks.stateful.stripeSecretKey,
      stacks.stateful.stripeWebhookSecret,
      stacks.stateful.smtpUsername,
      stacks.stateful.smtpPassword,
    ];
    expect(Object.keys(secrets).sort()).toEqual(keySecrets.map(logicalId).sort());
    for (const secret of keySecrets) expect(secrets[logicalId(secret)]?.DeletionPolicy).toBe('Retain');
  });
});
