import type { PostalAddressInput, Session, UserError } from '@shopgraph/shared';
import type { SavedAddresses } from '../peers/saved-address-client.js';
import { checkoutError, CheckoutErrorCode } from '../errors.js';
import type { PlaceOrderInput } from './place-order-input.js';

/** Saved address ids are identity's (`adr_` and 16 random bytes); anything far longer is not one. */
const MAX_ADDRESS_ID_LENGTH = 64;

const notFound = () =>
  checkoutError(CheckoutErrorCode.ADDRESS_NOT_FOUND, 'No saved address of yours has this id.', ['shippingAddressId']);

/**
 * The address an order ships to: the one typed in, or the signed-in customer's saved address
 * that `shippingAddressId` names, asked of identity (which keeps the address book). Exactly
 * one of the two. An anonymous session has no saved addresses: ADDRESS_NOT_FOUND, as for an
 * id of someone else's, so the answer never says whose an id is.
 */
export async function chooseShippingAddress(
  deps: { savedAddresses: SavedAddresses; requestId: string },
  session: Session,
  input: PlaceOrderInput,
): Promise<{ address: PostalAddressInput } | { errors: UserError[] }> {
  const typed = input.shippingAddress ?? undefined;
  const savedId = input.shippingAddressId ?? undefined;
  if ((typed === undefined) === (savedId === undefined)) {
    return {
      errors: [checkoutError(CheckoutErrorCode.INVALID_ADDRESS, 'Give either shippingAddress or shippingAddressId, not both.', ['shippingAddress'])],
    };
  }
  if (typed) return { address: typed };
  if (!session.customerId || savedId!.length === 0 || savedId!.length > MAX_ADDRESS_ID_LENGTH) return { errors: [notFound()] };
  const saved = await deps.savedAddresses.addressOf(session.customerId, savedId!, deps.requestId);
  return saved ? { address: saved } : { errors: [notFound()] };
}
