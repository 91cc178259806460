import { LOCAL_ADMIN, seedLocalAdmin } from '@shopgraph/identity';
import { tableDefinitions } from '@shopgraph/shared';
import { createDocumentClient } from '@shopgraph/shared/dynamo';

/** Creates the local admin account once; `npm start` only (never in production). */
export async function ensureLocalAdmin(endpoint: string, log: (message: string) => void): Promise<void> {
  const client = createDocumentClient({ region: 'us-east-1', endpoint });
  try {
    if ((await seedLocalAdmin(client, tableDefinitions.identity.defaultName)) === 'created') {
      log(`created the local admin account ${LOCAL_ADMIN.email} (password in the README; local development only)`);
    }
  } finally {
    client.destroy();
  }
}
