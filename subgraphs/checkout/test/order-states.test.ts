import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEdge, ORDER_EDGES, ORDER_STATUSES } from '../src/domain/order-states.js';

/** The Mermaid diagram of README.md's "Order state machine", as [from, to] pairs. */
function readmeEdges(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Order state machine'));
  const diagram = section.slice(section.indexOf('```mermaid'), section.indexOf('```', section.indexOf('```mermaid') + 3));
  return [...diagram.matchAll(/^\s+(\[\*\]|[A-Z_]+) --> ([A-Z_]+)/gm)].map(([, from, to]) => `${from === '[*]' ? 'placed' : from}->${to}`);
}

describe("the order's state machine", () => {
  it('when README draws the machine, then it draws exactly the edges the code allows', () => {
    expect(readmeEdges().sort()).toEqual(ORDER_EDGES.map(([from, to]) => `${from}->${to}`).sort());
  });

  it('when a write keeps the state, then it is allowed; an edge the machine lacks is not', () => {
    for (const status of ORDER_STATUSES) expect(isEdge(status, status)).toBe(true);
    expect(isEdge('PAID', 'FULFILLED')).toBe(true);
    // Control: nothing leaves FULFILLED for CANCELLED, nor goes back to unpaid from PAID.
    expect(isEdge('FULFILLED', 'CANCELLED')).toBe(false);
    expect(isEdge('PAID', 'PENDING_PAYMENT')).toBe(false);
    expect(isEdge('CANCELLED', 'PAID')).toBe(false);
  });

  it('when every status is listed, then each is reached by some edge and the closed ones leave by none', () => {
    const reached = new Set(ORDER_EDGES.map(([, to]) => to));
    expect(ORDER_STATUSES.filter((status) => !reached.has(status))).toEqual([]);
    const left = new Set(ORDER_EDGES.map(([from]) => from));
    expect(['PAYMENT_FAILED', 'CANCELLED', 'REFUNDED'].filter((status) => left.has(status as never))).toEqual([]);
  });
});
