import type { Logger } from '@shopgraph/shared';
import { connectRedis, createRedisClient } from '@shopgraph/shared/server';
import { channels } from '../store/keys.js';

/** Announces stock changes so every catalog replica's inStock filter follows within seconds. */
export interface StockNotices {
  start(): Promise<void>;
  /** Never throws: the change is stored; a lost notice is caught by the catalog's periodic resync. */
  publish(variantIds: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

export function createStockNotices({ url, prefix, logger }: { url: string; prefix: string; logger: Logger }): StockNotices {
  const client = createRedisClient({ url, logger });
  const channel = channels.stockChanged(prefix);
  return {
    start: () => connectRedis(client, logger),
    async publish(variantIds) {
      try {
        // Ids only: subscribers re-read the current level, so notices may arrive in any order.
        await client.publish(channel, JSON.stringify({ ids: variantIds }));
      } catch (error) {
        logger.warn({ err: { message: (error as Error).message } }, 'could not publish a stock change notice');
      }
    },
    async stop() {
      client.disconnect();
    },
  };
}
