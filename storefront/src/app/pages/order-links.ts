/** An order's page, as a route path (for `href` and `navigate`). */
export const orderPath = (orderId: string): string => `/orders/${encodeURIComponent(orderId)}`;

/** The step where the shopper confirms an order's payment with their bank (3-D Secure). */
export const orderPaymentPath = (orderId: string): string => `${orderPath(orderId)}/pay`;
