import type { Logger } from '@shopgraph/shared';
import { connectRedis, createRedisClient } from '@shopgraph/shared/server';
import { channels } from '../store/keys.js';

/** Ids per notice: replicas refuse a notice of more than 1,000 ids. */
const IDS_PER_NOTICE = 1_000;

/**
 * Sends change notices from outside a catalog replica (the bulk import), so running replicas
 * re-read what it wrote: categories first, then products, in notices of at most 1,000 ids.
 */
export async function publishCatalogChanges({ url, prefix, logger }: { url: string; prefix: string; logger: Logger }, changed: { productIds: readonly string[]; categoryIds: readonly string[] }): Promise<void> {
  const redis = createRedisClient({ url, logger });
  try {
    await connectRedis(redis, logger);
    for (const [channel, ids] of [[channels.categoriesChanged(prefix), changed.categoryIds], [channels.catalogChanged(prefix), changed.productIds]] as const) {
      for (let start = 0; start < ids.length; start += IDS_PER_NOTICE) {
        await redis.publish(channel, JSON.stringify({ ids: ids.slice(start, start + IDS_PER_NOTICE) }));
      }
    }
  } finally {
    redis.disconnect();
  }
}
