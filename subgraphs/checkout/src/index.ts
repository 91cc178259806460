export { checkoutEnvSchema, loadCheckoutConfig, type CheckoutConfig } from './config.js';
export { createCheckoutServer, type CheckoutServer, type CheckoutServerDeps } from './server.js';
export { createSavedAddressClient, type SavedAddresses } from './peers/saved-address-client.js';
export { createInventoryRepository, type InventoryRepository } from './store/inventory-repository.js';
export { createOrderRepository, type OrderRepository } from './store/order-repository.js';
export { demoStockLevel, seedDemoInventory } from './seed/seed-demo-inventory.js';
export {
  createTestPaymentProvider,
  type TestPaymentProvider,
  type TestPaymentProviderOptions,
} from './payment/test-provider/test-payment-provider.js';
export { IMMEDIATE_TEST_TOKENS, TEST_PAYMENT_TOKENS } from './payment/test-provider/test-payment-tokens.js';
export { createStripePaymentProvider, type StripePaymentProviderOptions } from './payment/stripe/stripe-payment-provider.js';
export type {
  AuthorizeRequest,
  CaptureMode,
  CaptureRequest,
  CaptureResult,
  PaymentAction,
  PaymentEvent,
  PaymentEventType,
  PaymentLookup,
  PaymentProvider,
  PaymentRef,
  PaymentResult,
  PaymentTransaction,
  RefundRequest,
  RefundResult,
  WebhookParseResult,
} from './payment/payment-provider.js';
export { summarizePayment, type PaymentState, type PaymentSummary } from './payment/payment-summary.js';
export { PaymentError, PaymentErrorCode, PaymentOutcomeUnknown } from './errors.js';
export type { OrderStatus } from './domain/order.js';
export { createCartClient, type CartClient, type CheckoutCart, type MarkCheckedOutResult } from './peers/cart-client.js';
export { createCatalogPrices, type CatalogPrices } from './peers/catalog-client.js';
export type { RecoveryReport } from './domain/recover-orders.js';
