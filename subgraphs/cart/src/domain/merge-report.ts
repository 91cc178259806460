/** Why a guest line did not move whole into the customer's cart at sign-in. */
export type CartMergeCapReason = 'LINE_QUANTITY_LIMIT' | 'CART_LINE_LIMIT' | 'STOCK';

/** What a guest-cart hand-over did, for the storefront to tell the shopper. */
export interface CartMergeReport {
  /** Guest lines that became new lines of the customer's cart. */
  linesAdded: number;
  /** Guest lines whose units joined a line the customer's cart already had. */
  linesCombined: number;
  /** Guest lines that did not fit whole: asked for `requested` units, the cart kept `kept` of them. */
  capped: { variantId: string; requested: number; kept: number; reason: CartMergeCapReason }[];
}
