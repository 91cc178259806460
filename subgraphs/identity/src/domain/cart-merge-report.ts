/** What the guest cart's hand-over at sign-in did, as the API's CartMergeReport shows it. */
export interface CartMergeReport {
  status: 'MERGED' | 'NOTHING_TO_MERGE' | 'PENDING';
  linesAdded: number;
  linesCombined: number;
  capped: { variantId: string; requested: number; kept: number; reason: string }[];
}

export const PENDING_REPORT: Readonly<CartMergeReport> = Object.freeze({ status: 'PENDING', linesAdded: 0, linesCombined: 0, capped: [] });
export const NOTHING_TO_MERGE_REPORT: Readonly<CartMergeReport> = Object.freeze({ status: 'NOTHING_TO_MERGE', linesAdded: 0, linesCombined: 0, capped: [] });
