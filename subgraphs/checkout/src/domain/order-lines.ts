import type { Fulfillment, Order } from './order.js';

/**
 * An order line's public id: the order's id and the line's place in it. Lines are stored in the
 * order they were placed and never reordered, so the id is stable without being stored, and
 * unique across orders (a client cache may key on it).
 */
export function orderLineId(orderId: string, lineIndex: number): string {
  return `${orderId}:${lineIndex + 1}`;
}

/** The line's index for one of its ids, or undefined when the id names no line of this order. */
export function lineIndexOf(order: Order, lineId: string): number | undefined {
  const prefix = `${order.id}:`;
  if (!lineId.startsWith(prefix)) return undefined;
  const position = Number(lineId.slice(prefix.length));
  return Number.isInteger(position) && position >= 1 && position <= order.lines.length ? position - 1 : undefined;
}

/** Units of each line shipped so far, by line index. */
export function fulfilledQuantities(order: Pick<Order, 'lines'>, fulfillments: readonly Fulfillment[]): number[] {
  const shipped = order.lines.map(() => 0);
  for (const fulfillment of fulfillments) {
    for (const line of fulfillment.lines) shipped[line.lineIndex] = (shipped[line.lineIndex] ?? 0) + line.quantity;
  }
  return shipped;
}

/** Whether every unit of every line has shipped. */
export function isFullyFulfilled(order: Pick<Order, 'lines'>, fulfillments: readonly Fulfillment[]): boolean {
  const shipped = fulfilledQuantities(order, fulfillments);
  return order.lines.every((line, index) => shipped[index] === line.quantity);
}
