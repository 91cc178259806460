import type { UserError } from '@shopgraph/shared';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import type { FulfillmentLine, Order } from './order.js';
import { fulfilledQuantities, lineIndexOf } from './order-lines.js';

/** One line of fulfillOrder's input as GraphQL hands it over: a line by its id or its variant. */
export interface FulfillmentLineInput {
  lineId?: string | null;
  variantId?: string | null;
  quantity: number;
}

/** At most this many characters of a carrier's tracking code. */
const MAX_TRACKING_CODE = 100;

/** Checks what needs no order: each problem an error naming its field. */
export function fulfillmentInputProblems(lines: readonly FulfillmentLineInput[], trackingCode: string | undefined): UserError[] {
  const problems: UserError[] = [];
  if (lines.length === 0) problems.push(checkoutError(CheckoutErrorCode.INVALID_LINE_REFERENCE, 'A fulfilment ships at least one line.', ['lines']));
  lines.forEach((line, index) => {
    if (!line.lineId === !line.variantId) {
      problems.push(checkoutError(CheckoutErrorCode.INVALID_LINE_REFERENCE, 'Name the line by exactly one of lineId and variantId.', ['lines', String(index)]));
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      problems.push(checkoutError(CheckoutErrorCode.INVALID_QUANTITY, 'quantity must be a whole number of at least 1.', ['lines', String(index), 'quantity']));
    }
  });
  if (trackingCode !== undefined && (trackingCode.trim().length === 0 || trackingCode.length > MAX_TRACKING_CODE || /[\p{Cc}]/u.test(trackingCode))) {
    problems.push(checkoutError(CheckoutErrorCode.INVALID_TRACKING_CODE, `trackingCode is 1 to ${MAX_TRACKING_CODE} printable characters.`, ['trackingCode']));
  }
  return problems;
}

/**
 * The request's lines as lines of `order` (two naming one line are summed), or the problems:
 * a line the order does not have (ORDER_LINE_NOT_FOUND), more units than are ordered and not
 * yet shipped (FULFILLMENT_EXCEEDS_ORDERED).
 */
export function resolveFulfillmentLines(order: Order, lines: readonly FulfillmentLineInput[]): { lines: FulfillmentLine[] } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const wanted = new Map<number, number>();
  lines.forEach((line, index) => {
    const lineIndex = line.lineId ? lineIndexOf(order, line.lineId) : order.lines.findIndex((each) => each.variantId === line.variantId);
    if (lineIndex === undefined || lineIndex < 0) {
      const field = line.lineId ? 'lineId' : 'variantId';
      errors.push(checkoutError(CheckoutErrorCode.ORDER_LINE_NOT_FOUND, `The order has no line with this ${field}.`, ['lines', String(index), field]));
      return;
    }
    wanted.set(lineIndex, (wanted.get(lineIndex) ?? 0) + line.quantity);
  });
  const shipped = fulfilledQuantities(order, order.fulfillments);
  for (const [lineIndex, quantity] of wanted) {
    const left = order.lines[lineIndex]!.quantity - shipped[lineIndex]!;
    if (quantity > left) {
      errors.push(checkoutError(CheckoutErrorCode.FULFILLMENT_EXCEEDS_ORDERED, `Line ${lineIndex + 1} has ${left} unit(s) left to ship; ${quantity} asked.`, ['lines']));
    }
  }
  if (errors.length > 0) return { errors };
  return { lines: [...wanted].sort(([a], [b]) => a - b).map(([lineIndex, quantity]) => ({ lineIndex, quantity })) };
}
