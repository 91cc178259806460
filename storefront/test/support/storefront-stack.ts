import { startStack, type TestStack } from '../../../test/support/stack.js';
import { findFreePort } from '../../../tools/dynamodb-local/free-port.js';
import { createStorefrontServer } from '../../src/index.js';

export interface StorefrontStack {
  stack: TestStack;
  /** The storefront's page, on an origin of its own. */
  storefrontUrl: string;
  /** The gateway the storefront talks to, which allows the storefront's origin (CORS). */
  gatewayUrl: string;
  stop(): Promise<void>;
}

/**
 * The federated stack, a gateway that lets the storefront's origin call it with credentials,
 * and the storefront served from another port: two origins, as in production.
 */
export async function startStorefrontStack(): Promise<StorefrontStack> {
  // The gateway must know the storefront's origin before it starts, identity too (its emails
  // link to the storefront's pages), and the storefront the gateway's URL: so the storefront's
  // port is chosen first.
  const port = await findFreePort();
  const stack = await startStack({ identityEnv: { STOREFRONT_URL: `http://127.0.0.1:${port}` } });
  try {
    // Enforcing trusted documents, as production does: the storefront sends manifest operations only.
    const gatewayUrl = await stack.startGateway({ CORS_ORIGINS: `http://127.0.0.1:${port}`, TRUSTED_DOCUMENTS: 'enforce' });
    const storefront = createStorefrontServer({ gatewayUrl, port });
    const { url } = await storefront.start();
    return {
      stack,
      storefrontUrl: url,
      gatewayUrl,
      async stop() {
        await storefront.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
