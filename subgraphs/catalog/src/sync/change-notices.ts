import type { Logger } from '@shopgraph/shared';
import { connectRedis, createRedisClient } from '@shopgraph/shared/server';
import { z } from 'zod';
import { channels } from '../store/keys.js';

/** A change notice: which catalog products or categories, or which variants' stock, changed. Ids only. */
export type ChangeNotice = { kind: 'products' | 'categories' | 'stock'; ids: string[] };

const noticeSchema = z.object({ ids: z.array(z.string().max(128)).max(1_000) });

/** Catalog change notices over Redis pub/sub: losable, so the index also refreshes on its own. */
export interface ChangeNotices {
  /** Connects both connections and subscribes; never throws when Redis is down. */
  start(): Promise<void>;
  /** Tells every replica (this one included) that these products changed. */
  publishProductChange(ids: readonly string[]): Promise<void>;
  /** Tells every replica (this one included) that these categories changed. */
  publishCategoryChange(ids: readonly string[]): Promise<void>;
  /** True while the subscription is live, i.e. notices are being received. */
  readonly subscribed: boolean;
  stop(): Promise<void>;
}

export interface ChangeNoticeHandlers {
  onNotice(notice: ChangeNotice): void;
  /** The subscription came (back) up: notices sent while it was down were missed. */
  onResubscribed(): void;
}

export function createChangeNotices({ url, prefix, logger, handlers }: { url: string; prefix: string; logger: Logger; handlers: ChangeNoticeHandlers }): ChangeNotices {
  const publisher = createRedisClient({ url, logger });
  // A connection in subscriber mode can run no other command, hence a second one.
  const subscriber = createRedisClient({ url, logger });
  const catalogChannel = channels.catalogChanged(prefix);
  const stockChannel = channels.stockChanged(prefix);
  const categoryChannel = channels.categoriesChanged(prefix);
  const kindOf = (channel: string): ChangeNotice['kind'] => (channel === stockChannel ? 'stock' : channel === categoryChannel ? 'categories' : 'products');
  let subscribed = false;
  let everSubscribed = false;

  subscriber.on('message', (channel: string, message: string) => {
    let parsed: z.infer<typeof noticeSchema>;
    try {
      parsed = noticeSchema.parse(JSON.parse(message));
    } catch {
      logger.warn({ channel }, 'ignored a malformed change notice');
      return;
    }
    handlers.onNotice({ kind: kindOf(channel), ids: parsed.ids });
  });
  subscriber.on('ready', () => {
    void subscriber.subscribe(catalogChannel, stockChannel, categoryChannel).then(
      () => {
        subscribed = true;
        if (everSubscribed) handlers.onResubscribed();
        everSubscribed = true;
      },
      (error: Error) => logger.warn({ err: { message: error.message } }, 'could not subscribe to change notices'),
    );
  });
  subscriber.on('close', () => {
    subscribed = false;
  });

  async function publish(channel: string, ids: readonly string[]): Promise<void> {
    try {
      await publisher.publish(channel, JSON.stringify({ ids }));
    } catch (error) {
      // The change is in DynamoDB; replicas that miss this notice pick it up at their next resync.
      logger.warn({ err: { message: (error as Error).message } }, 'could not publish a catalog change notice');
    }
  }

  return {
    async start() {
      await Promise.all([connectRedis(publisher, logger), connectRedis(subscriber, logger)]);
    },
    publishProductChange: (ids) => publish(catalogChannel, ids),
    publishCategoryChange: (ids) => publish(categoryChannel, ids),
    get subscribed() {
      return subscribed;
    },
    async stop() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
