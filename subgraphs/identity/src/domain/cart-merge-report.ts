/** Why cart kept fewer units of a guest line than asked: cart's reasons, as its answer names them. */
export type CartMergeCapReason = 'LINE_QUANTITY_LIMIT' | 'CART_LINE_LIMIT' | 'STOCK';

/** What the guest cart's hand-over at sign-in did, as the API's CartMergeReport shows it. */
export interface CartMergeReport {
  status: 'MERGED' | 'NOTHING_TO_MERGE' | 'PENDING';
  linesAdded: number;
  linesCombined: number;
  capped: { variantId: string; requested: number; kept: number; reason: CartMergeCapReason }[];
}

export const PENDING_REPORT: Readonly<CartMergeReport> = Object.freeze({ status: 'PENDING', linesAdded: 0, linesCombined: 0, capped: [] });
export const NOTHING_TO_MERGE_REPORT: Readonly<CartMergeReport> = Object.freeze({ status: 'NOTHING_TO_MERGE', linesAdded: 0, linesCombined: 0, capped: [] });
