import type { PaymentTransaction, Refund } from '../types.js';

/** The order's states (checkout's OrderStatus) as the shopper reads them. */
const STATUS_TEXT: Record<string, string> = {
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

export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status.toLowerCase().replace(/_/g, ' ');
}

const TRANSACTION_TYPE_TEXT: Record<PaymentTransaction['type'], string> = {
  AUTHORIZATION: 'Authorisation',
  CAPTURE: 'Capture',
  VOID: 'Release of the authorisation',
  REFUND: 'Refund',
};

const STEP_STATUS_TEXT: Record<PaymentTransaction['status'] | Refund['status'], string> = {
  PENDING: 'Processing',
  REQUIRES_ACTION: 'Waiting for your bank',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  REQUESTED: 'Requested',
};

export const transactionTypeText = (type: PaymentTransaction['type']): string => TRANSACTION_TYPE_TEXT[type] ?? type;
export const stepStatusText = (status: PaymentTransaction['status'] | Refund['status']): string => STEP_STATUS_TEXT[status] ?? status;
