/** Units of one variant a cart line may hold. */
export const MAX_LINE_QUANTITY = 999;
/** Different variants one cart may hold; also keeps an order's stock transaction under DynamoDB's 100 items. */
export const MAX_LINES = 100;
