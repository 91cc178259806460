import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Role } from '@shopgraph/shared';
import { hashPassword } from '../domain/password.js';
import { createCustomerRepository } from '../store/customer-repository.js';
import { EmailTakenError } from '../errors.js';

/**
 * The local stack's one admin account, with the credentials the README gives. Only the local
 * launcher calls this; a production deployment seeds no account at all.
 */
export const LOCAL_ADMIN = { email: 'admin@shopgraph.localhost', password: 'local-admin-password', name: 'Local Admin' } as const;

export async function seedLocalAdmin(client: DynamoDBDocumentClient, tableName: string): Promise<'created' | 'exists'> {
  const customers = createCustomerRepository({ client, tableName });
  try {
    await customers.create({
      id: 'cus_local_admin',
      email: LOCAL_ADMIN.email,
      name: LOCAL_ADMIN.name,
      role: Role.ADMIN,
      createdAt: new Date().toISOString(),
      // Its address is not a real mailbox: nobody could follow a link.
      emailVerified: true,
      passwordHash: await hashPassword(LOCAL_ADMIN.password),
    });
    return 'created';
  } catch (error) {
    if (error instanceof EmailTakenError) return 'exists';
    throw error;
  }
}
