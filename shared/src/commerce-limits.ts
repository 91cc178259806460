/**
 * Lines a cart may hold, and so variants an order may hold: every cart that can be built must
 * be orderable, and checkout places an order in one DynamoDB transaction of at most 100
 * items, four of them fixed (see MAX_ORDER_VARIANTS in checkout's order repository).
 */
export const MAX_CART_LINES = 96;
