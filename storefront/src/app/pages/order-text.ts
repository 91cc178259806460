import type { OrderStatus, PaymentTransactionStatus, PaymentTransactionType, RefundStatus } from '../generated/operations.js';

/** The order's states (checkout's OrderStatus) as the shopper reads them; a state the schema adds fails the typecheck until it has one. */
const STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING_PAYMENT: 'Awaiting payment confirmation',
  REQUIRES_ACTION: 'Waiting for you to confirm the payment with your bank',
  AUTHORIZED: 'Payment authorised',
  PAID: 'Paid',
  PARTIALLY_FULFILLED: 'Partly shipped',
  FULFILLED: 'Shipped',
  PAYMENT_FAILED: 'Payment failed',
  CANCELLED: 'Cancelled',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export function statusText(status: OrderStatus): string {
  return STATUS_TEXT[status] ?? status.toLowerCase().replace(/_/g, ' ');
}

const TRANSACTION_TYPE_TEXT: Record<PaymentTransactionType, string> = {
  AUTHORIZATION: 'Authorisation',
  CAPTURE: 'Capture',
  VOID: 'Release of the authorisation',
  REFUND: 'Refund',
};

const STEP_STATUS_TEXT: Record<PaymentTransactionStatus | RefundStatus, string> = {
  PENDING: 'Processing',
  REQUIRES_ACTION: 'Waiting for your bank',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  REQUESTED: 'Requested',
};

export const transactionTypeText = (type: PaymentTransactionType): string => TRANSACTION_TYPE_TEXT[type] ?? type;
export const stepStatusText = (status: PaymentTransactionStatus | RefundStatus): string => STEP_STATUS_TEXT[status] ?? status;
