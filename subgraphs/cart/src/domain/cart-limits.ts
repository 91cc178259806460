import { MAX_CART_LINES } from '@shopgraph/shared';

/** Units of one variant a cart line may hold. */
export const MAX_LINE_QUANTITY = 999;
/**
 * Different variants one cart may hold: the limit checkout's orders share, so every cart that
 * can be built can be ordered. A cart stored with more lines under the older limit of 100
 * keeps them, takes no new variant, and must lose lines before checkout takes it.
 */
export const MAX_LINES = MAX_CART_LINES;
