/**
 * How a customer's sessions end all at once (sign-out everywhere, a role change) at a cost
 * that does not grow with their number: each sign-in takes the next number from a counter on
 * the customer, carried in the session's token and record, and ending them all is one mark on
 * the customer, "ended through" the counter's value at that moment. The counter and the mark
 * are written to the same item, so DynamoDB orders them: a sign-in numbered before the mark
 * is ended by it, one numbered after is not, whatever the clocks say.
 *
 * A session without a number (an anonymous one, or one signed in before sign-ins were
 * numbered) counts as 0: any mark of its customer ends it.
 */
export function endedByMark(signInNumber: number | undefined, endedThrough: number | undefined): boolean {
  return endedThrough !== undefined && (signInNumber ?? 0) <= endedThrough;
}
