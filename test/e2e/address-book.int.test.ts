import { MAX_SAVED_ADDRESSES } from '@shopgraph/identity';
import { createServiceTokenSigner, HEADER_SERVICE_TOKEN } from '@shopgraph/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOperation, type UserErrorShape } from '../support/accounts.js';
import { checkoutHelpers, orderInput } from '../support/checkout.js';
import { createStorefront } from '../support/graphql-client.js';
import type { Storefront } from '../support/shoppers.js';
import { startStack, type TestStack } from '../support/stack.js';

const ACCOUNT = accountOperation('AccountSettings');
const ADD = accountOperation('AddAddress');
const UPDATE = accountOperation('UpdateAddress');
const REMOVE = accountOperation('RemoveAddress');
const SET_DEFAULT = accountOperation('SetDefaultShippingAddress');

interface SavedAddress {
  id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  countryCode: string;
  isDefaultShipping: boolean;
}
interface BookPayload {
  address: SavedAddress | null;
  addresses: SavedAddress[];
  errors: UserErrorShape[];
}
type BookAnswer<K extends string> = Record<K, BookPayload>;
interface AccountAnswer {
  viewer: { customer: { addresses: SavedAddress[]; defaultShippingAddress: SavedAddress | null } | null };
}

const HOME = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', countryCode: 'gb' };
const OFFICE = { name: 'Ada Lovelace', line1: '1 Main St', line2: 'Floor 3', city: 'Springfield', postalCode: '12345', countryCode: 'US' };

describe('the address book, and orders to a saved address', () => {
  let stack: TestStack;
  let shop: ReturnType<typeof checkoutHelpers>;
  beforeAll(async () => {
    stack = await startStack({ products: 4 });
    shop = checkoutHelpers(stack);
    // The demo levels include 0: every variant these orders use is in stock.
    await stack.setStock(Object.fromEntries(stack.catalog.variantIds.map((id) => [id, 100])));
  });
  afterAll(() => stack.stop());

  const add = async (shopper: Storefront, input: Record<string, unknown>, makeDefault?: boolean) =>
    (await shopper.request<BookAnswer<'addAddress'>>(ADD, { input, ...(makeDefault === undefined ? {} : { makeDefault }) })).body.data!.addAddress;
  const book = async (shopper: Storefront) => (await shopper.request<AccountAnswer>(ACCOUNT)).body.data!.viewer.customer!;

  it('when a customer adds, updates, re-defaults and removes addresses, then the book and its default follow', async () => {
    const { web } = await shop.customer();
    expect(await book(web)).toMatchObject({ addresses: [], defaultShippingAddress: null });

    const home = await add(web, { ...HOME, line1: '  12 St James Sq  ' });
    expect(home.errors).toEqual([]);
    // Trimmed, the country upper-cased, and the first address is the default.
    expect(home.address).toMatchObject({ ...HOME, line1: '12 St James Sq', countryCode: 'GB', line2: null, isDefaultShipping: true });
    const office = await add(web, OFFICE);
    expect(office.address).toMatchObject({ ...OFFICE, isDefaultShipping: false });
    expect((await book(web)).defaultShippingAddress?.id).toBe(home.address!.id);

    const defaulted = (await web.request<BookAnswer<'setDefaultShippingAddress'>>(SET_DEFAULT, { id: office.address!.id })).body.data!.setDefaultShippingAddress;
    expect(defaulted.addresses.map((address) => [address.id, address.isDefaultShipping])).toEqual([[home.address!.id, false], [office.address!.id, true]]);

    const updated = (await web.request<BookAnswer<'updateAddress'>>(UPDATE, { id: office.address!.id, input: { ...OFFICE, line2: null, city: 'Shelbyville' } })).body.data!.updateAddress;
    expect(updated.address).toMatchObject({ id: office.address!.id, city: 'Shelbyville', line2: null, isDefaultShipping: true });

    // Removing the default hands the role to the oldest address left.
    const removed = (await web.request<BookAnswer<'removeAddress'>>(REMOVE, { id: office.address!.id })).body.data!.removeAddress;
    expect(removed).toMatchObject({ errors: [], addresses: [{ id: home.address!.id, isDefaultShipping: true }] });

    const third = await add(web, OFFICE, true);
    expect((await book(web)).defaultShippingAddress?.id).toBe(third.address!.id);
  });

  it('when a field is missing, too long or the country unknown, then INVALID_ADDRESS names each field and nothing is saved', async () => {
    const { web } = await shop.customer();
    const bad = await add(web, { ...HOME, name: '  ', line2: 'x'.repeat(201), postalCode: '1'.repeat(21), countryCode: 'XX' });
    expect(bad.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_ADDRESS', ['input', 'name']],
      ['INVALID_ADDRESS', ['input', 'postalCode']],
      ['INVALID_ADDRESS', ['input', 'line2']],
      ['INVALID_ADDRESS', ['input', 'countryCode']],
    ]);
    expect(bad.address).toBeNull();
    expect((await book(web)).addresses).toEqual([]);
    // The same rules on update; control: the address stays as it was.
    const saved = await add(web, HOME);
    const update = (await web.request<BookAnswer<'updateAddress'>>(UPDATE, { id: saved.address!.id, input: { ...HOME, city: '' } })).body.data!.updateAddress;
    expect(update.errors.map((error) => error.field)).toEqual([['input', 'city']]);
    expect((await book(web)).addresses[0]?.city).toBe('London');
  });

  it('when an id is not one of the customer’s addresses, then ADDRESS_NOT_FOUND for update, remove and set-default alike', async () => {
    const { web } = await shop.customer();
    const { web: other } = await shop.customer();
    const theirs = (await add(other, HOME)).address!.id;
    for (const id of ['adr_unknown', theirs]) {
      const update = (await web.request<BookAnswer<'updateAddress'>>(UPDATE, { id, input: HOME })).body.data!.updateAddress;
      const remove = (await web.request<BookAnswer<'removeAddress'>>(REMOVE, { id })).body.data!.removeAddress;
      const setDefault = (await web.request<BookAnswer<'setDefaultShippingAddress'>>(SET_DEFAULT, { id })).body.data!.setDefaultShippingAddress;
      for (const payload of [update, remove, setDefault]) expect(payload.errors).toEqual([expect.objectContaining({ code: 'ADDRESS_NOT_FOUND', field: ['id'] })]);
    }
    // Control: the other customer's address is untouched.
    expect((await book(other)).addresses.map((address) => address.id)).toEqual([theirs]);
  });

  it(`when the book holds ${MAX_SAVED_ADDRESSES} addresses, then one more is ADDRESS_LIMIT_REACHED`, async () => {
    const { web } = await shop.customer();
    for (let i = 0; i < MAX_SAVED_ADDRESSES; i++) expect((await add(web, { ...HOME, line1: `${i} Main St` })).errors).toEqual([]);
    const over = await add(web, HOME);
    expect(over.errors.map((error) => error.code)).toEqual(['ADDRESS_LIMIT_REACHED']);
    expect((await book(web)).addresses).toHaveLength(MAX_SAVED_ADDRESSES);
  });

  it('when addresses are added at once from several devices, then none is lost and exactly one is the default', async () => {
    const { web } = await shop.customer();
    const cookie = web.cookie;
    const devices = Array.from({ length: 3 }, () => {
      const device = createStorefront(stack.gatewayUrl);
      device.cookie = cookie;
      return device;
    });
    const answers = await Promise.all(devices.map((device, i) => add(device, { ...HOME, line1: `${i} Parallel St` })));
    expect(answers.every((answer) => answer.errors.length === 0)).toBe(true);
    const { addresses } = await book(web);
    expect(addresses).toHaveLength(3);
    expect(addresses.filter((address) => address.isDefaultShipping)).toHaveLength(1);
  });

  it('when an anonymous session edits an address book, then UNAUTHENTICATED', async () => {
    const answer = await createStorefront(stack.gatewayUrl).request(ADD, { input: HOME });
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('when anyone but checkout asks identity for a saved address, then 401; checkout gets only the named customer’s', async () => {
    const { web, customerId } = await shop.customer();
    const saved = (await add(web, OFFICE)).address!;
    const url = `${stack.subgraphUrls.identity.replace(/\/graphql$/, '')}/internal/checkout/saved-address`;
    const ask = async (token?: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { [HEADER_SERVICE_TOKEN]: token } : {}) }, body: '{}' });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const checkout = createServiceTokenSigner(stack.keys.checkoutSigningPrivateKey, 'checkout');
    const identity = createServiceTokenSigner(stack.keys.identitySigningPrivateKey, 'identity');
    expect((await ask()).status).toBe(401);
    expect((await ask(await identity.sign('identity', { cid: customerId, aid: saved.id }))).status).toBe(401);
    expect((await ask(await checkout.sign('cart', { cid: customerId, aid: saved.id }))).status).toBe(401);
    expect((await ask(await checkout.sign('identity', { cid: 'cus_someone_else', aid: saved.id }))).status).toBe(404);
    // Control: checkout's own token naming the owner gets the address.
    expect(await ask(await checkout.sign('identity', { cid: customerId, aid: saved.id }))).toEqual({
      status: 200,
      body: { address: { name: OFFICE.name, line1: OFFICE.line1, line2: OFFICE.line2, city: OFFICE.city, postalCode: OFFICE.postalCode, countryCode: 'US' } },
    });
  });

  describe('placeOrder with shippingAddressId', () => {
    it('when the id is one of the customer’s saved addresses, then the order ships there', async () => {
      const { web } = await shop.customer();
      const saved = (await add(web, OFFICE)).address!;
      await shop.add(web, stack.catalog.variantIds[0]!);
      const { shippingAddress: _typed, ...rest } = orderInput();
      const placed = await shop.place(web, { ...rest, shippingAddressId: saved.id });
      expect(placed.body.data?.placeOrder?.errors).toEqual([]);
      const order = placed.body.data!.placeOrder!.order!;
      const stored = (await shop.storedOrder(order.id)) as unknown as { shippingAddress: Record<string, string> };
      expect(stored.shippingAddress).toEqual({ name: OFFICE.name, line1: OFFICE.line1, line2: OFFICE.line2, city: OFFICE.city, postalCode: OFFICE.postalCode, countryCode: 'US' });
    });

    it('when the id is unknown, someone else’s, or the session anonymous, then ADDRESS_NOT_FOUND and nothing is ordered', async () => {
      const { web } = await shop.customer();
      const { web: other } = await shop.customer();
      const theirs = (await add(other, OFFICE)).address!.id;
      await shop.add(web, stack.catalog.variantIds[1]!);
      const { shippingAddress: _typed, ...rest } = orderInput();
      for (const id of ['adr_unknown', theirs, 'x'.repeat(500)]) {
        const refused = await shop.place(web, { ...rest, shippingAddressId: id });
        expect(refused.body.data?.placeOrder).toEqual({ order: null, errors: [expect.objectContaining({ code: 'ADDRESS_NOT_FOUND', field: ['shippingAddressId'] })] });
      }
      const guest = shop.webShopper();
      await shop.add(guest, stack.catalog.variantIds[1]!);
      const anonymous = await shop.place(guest, { ...rest, shippingAddressId: theirs });
      expect(anonymous.body.data?.placeOrder?.errors.map((error) => error.code)).toEqual(['ADDRESS_NOT_FOUND']);
      // Control: the same cart orders with a typed address.
      expect((await shop.place(web, orderInput())).body.data?.placeOrder?.errors).toEqual([]);
    });

    it('when both or neither of a typed address and an id are given, then INVALID_ADDRESS', async () => {
      const { web } = await shop.customer();
      const saved = (await add(web, OFFICE)).address!;
      await shop.add(web, stack.catalog.variantIds[2]!);
      const both = await shop.place(web, orderInput({ shippingAddressId: saved.id }));
      const { shippingAddress: _typed, ...neither } = orderInput();
      const none = await shop.place(web, neither);
      for (const answer of [both, none]) expect(answer.body.data?.placeOrder?.errors).toEqual([expect.objectContaining({ code: 'INVALID_ADDRESS', field: ['shippingAddress'] })]);
    });
  });
});
