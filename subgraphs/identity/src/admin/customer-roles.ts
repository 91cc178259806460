import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createSessionRevocations } from '@shopgraph/shared/server';
import type { Redis } from 'ioredis';
import { createRoleChange, type RoleChanger } from '../domain/role-change.js';
import { createSessionEnding } from '../domain/session-ending.js';
import { createCustomerRepository } from '../store/customer-repository.js';
import { createCustomerSessions } from '../store/customer-sessions.js';
import { createPendingRevocations } from '../store/pending-revocations.js';
import { createSessionRepository } from '../store/session-repository.js';

export interface CustomerRolesDeps {
  dynamo: DynamoDBDocumentClient;
  tableName: string;
  /** identity's Redis and key prefix: the mark must reach the Redis the gateways read. */
  redis: Redis;
  keyPrefix: string;
  /** identity's SESSION_LIFETIME_SECONDS: how long the mark must outlive the sessions it ends. */
  lifetimeSeconds: number;
}

/** Role changes for operators (`npm run identity:set-role`), outside the identity service. */
export function createCustomerRoles({ dynamo, tableName, redis, keyPrefix, lifetimeSeconds }: CustomerRolesDeps): RoleChanger {
  const customerSessions = createCustomerSessions({ client: dynamo, tableName });
  const ending = createSessionEnding({
    sessions: createSessionRepository({ client: dynamo, tableName }),
    customerSessions,
    pending: createPendingRevocations({ client: dynamo, tableName }),
    revocations: createSessionRevocations({ redis, keyPrefix }),
    lifetimeSeconds,
  });
  return createRoleChange({ customers: createCustomerRepository({ client: dynamo, tableName }), ending });
}
