import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTables, type TestTables } from '../../../test/support/dynamo.js';
import type { Order } from '../src/domain/order.js';
import { OrderChangedConcurrently, OrderStateConflict } from '../src/errors.js';
import { createInventoryRepository, type InventoryRepository } from '../src/store/inventory-repository.js';
import { keys } from '../src/store/keys.js';
import { createOrderRepository, type OrderRepository } from '../src/store/order-repository.js';

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

describe('OrderRepository.transition: one conditional write naming the state it leaves', () => {
  let tables: TestTables<'checkout'>;
  let orders: OrderRepository;
  let inventory: InventoryRepository;

  beforeAll(async () => {
    tables = await createTestTables(['checkout'] as const);
    orders = createOrderRepository({ client: tables.client, tableName: tables.names.checkout });
    inventory = createInventoryRepository({ client: tables.client, tableName: tables.names.checkout });
  });
  afterAll(() => tables?.drop());

  /** A placed order of 2 units of a variant of its own (5 in stock before, 3 after). */
  async function placed(): Promise<Order> {
    const id = randomBytes(6).toString('hex');
    const variantId = `var_${id}`;
    await inventory.putQuantities(new Map([[variantId, 5]]));
    const at = new Date().toISOString();
    const order: Order = {
      id: `ord_${id}`,
      number: `SG-${id}`,
      owner: { kind: 'session', sessionId: `s_${id}` },
      status: 'PENDING_PAYMENT',
      email: 'a@example.com',
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', countryCode: 'US' },
      shippingMethodId: 'standard',
      lines: [{ variantId, quantity: 2, unitPrice: usd(1000) }],
      subtotal: usd(2000),
      shippingTotal: usd(499),
      total: usd(2499),
      cartId: `cart_${id}`,
      cartVersion: 1,
      transactions: [],
      fulfillments: [],
      refunds: [],
      revision: 0,
      recoveryDueAt: at,
      createdAt: at,
      updatedAt: at,
    };
    expect(await orders.place(order, { ownerKey: `SESSION#s_${id}`, key: id, inputHash: 'h', expiresAt: Math.floor(Date.now() / 1000) + 3600 })).toEqual({ kind: 'placed' });
    return order;
  }
  const stockOf = async (order: Order) => (await inventory.quantitiesByVariantIds([order.lines[0]!.variantId])).get(order.lines[0]!.variantId);
  const recoveryEntries = async (order: Order) => {
    const { PK } = keys.recovery(order.id, '');
    const { Items = [] } = await tables.client.send(new QueryCommand({ TableName: tables.names.checkout, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PK } }));
    return Items.filter((item) => item['orderId'] === order.id).map((item) => item['dueAt'] as string);
  };

  it('when the order is in a state the write leaves, then it moves, its revision rises and it lists under its new status', async () => {
    const order = await placed();
    const paid = await orders.transition(order, ['PENDING_PAYMENT'], 'PAID', { set: { cartMarkedAt: new Date().toISOString() }, recoveryDueAt: null });
    expect(paid).toMatchObject({ status: 'PAID', revision: 1 });
    expect(await orders.get(order.id)).toMatchObject({ status: 'PAID', revision: 1, cartMarkedAt: paid.cartMarkedAt });
    expect(await recoveryEntries(order)).toEqual([]);
    expect((await orders.listByStatus('PAID', 100)).orders.map((o) => o.id)).toContain(order.id);
    expect((await orders.listByStatus('PENDING_PAYMENT', 100)).orders.map((o) => o.id)).not.toContain(order.id);
  });

  it('when the order is not in a state the write leaves, then ORDER_STATE_CONFLICT and nothing changes, stock included', async () => {
    const order = await placed();
    const paid = await orders.transition(order, ['PENDING_PAYMENT'], 'PAID');
    await expect(orders.transition(paid, ['PENDING_PAYMENT', 'REQUIRES_ACTION'], 'CANCELLED', { returnStock: true, recoveryDueAt: null })).rejects.toSatisfy(
      (error) => error instanceof OrderStateConflict && error.code === 'ORDER_STATE_CONFLICT' && error.current.status === 'PAID',
    );
    expect(await orders.get(order.id)).toMatchObject({ status: 'PAID', revision: 1 });
    expect(await stockOf(order)).toBe(3);
    // Control: from the state it is in, the same cancellation goes through and gives the stock back.
    await orders.transition(paid, ['PAID'], 'CANCELLED', { returnStock: true, recoveryDueAt: null });
    expect(await stockOf(order)).toBe(5);
  });

  it('when an edge is not in the machine, then the write is refused before it is sent', async () => {
    const order = await placed();
    await expect(orders.transition(order, ['PENDING_PAYMENT'], 'FULFILLED')).rejects.toThrow(/no edge/);
    expect((await orders.get(order.id))!.status).toBe('PENDING_PAYMENT');
  });

  it('when another write changed the order since it was read, then nothing is written and the caller gets the order as it is', async () => {
    const order = await placed();
    const later = new Date(Date.now() + 60_000).toISOString();
    const extended = await orders.transition(order, ['PENDING_PAYMENT'], 'PENDING_PAYMENT', { set: { holdExpiresAt: later } });
    await expect(orders.transition(order, ['PENDING_PAYMENT'], 'CANCELLED', { returnStock: true, recoveryDueAt: null })).rejects.toSatisfy(
      (error) => error instanceof OrderChangedConcurrently && error.current.revision === extended.revision,
    );
    expect(await stockOf(order)).toBe(3);
  });

  it('when two writers take the same edge at once, then one takes it: the stock goes back once', async () => {
    const order = await placed();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => orders.transition(order, ['PENDING_PAYMENT'], 'CANCELLED', { returnStock: true, recoveryDueAt: null })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await stockOf(order)).toBe(5);
    expect(await recoveryEntries(order)).toEqual([]);
  });

  it('when a write moves the recovery entry, then the old one goes and the new one is due when the order says', async () => {
    const order = await placed();
    expect(await recoveryEntries(order)).toEqual([order.recoveryDueAt]);
    const due = new Date(Date.now() + 600_000).toISOString();
    const waiting = await orders.transition(order, ['PENDING_PAYMENT'], 'REQUIRES_ACTION', { recoveryDueAt: due });
    expect(waiting.recoveryDueAt).toBe(due);
    expect(await recoveryEntries(order)).toEqual([due]);
    // Not due yet: a pass reading what is due now does not see it; one reading later does.
    expect((await orders.recoverable(new Date().toISOString(), 100)).map((entry) => entry.orderId)).not.toContain(order.id);
    expect((await orders.recoverable(new Date(Date.now() + 700_000).toISOString(), 100)).map((entry) => entry.orderId)).toContain(order.id);
  });
});
