import { Redis } from 'ioredis';

export interface StockNoticeListener {
  /** Resolves once a notice naming `variantId` has arrived (at once if one already has). */
  noticeOf(variantId: string): Promise<void>;
  close(): Promise<void>;
}

/** Subscribes to checkout's stock change channel, as each catalog replica does. */
export async function listenToStockNotices(redisUrl: string, channel: string): Promise<StockNoticeListener> {
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  await subscriber.connect();
  const seen = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  subscriber.on('message', (_channel: string, message: string) => {
    for (const id of (JSON.parse(message) as { ids: string[] }).ids) {
      seen.add(id);
      for (const resolve of waiting.get(id) ?? []) resolve();
      waiting.delete(id);
    }
  });
  await subscriber.subscribe(channel);
  return {
    noticeOf: (variantId) =>
      seen.has(variantId) ? Promise.resolve() : new Promise((resolve) => waiting.set(variantId, [...(waiting.get(variantId) ?? []), resolve])),
    close: async () => void subscriber.disconnect(),
  };
}
