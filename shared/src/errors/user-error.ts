/**
 * An expected domain outcome returned in a mutation payload's `errors` list (out of stock,
 * bad quantity) rather than thrown: the client shows it next to the field it names.
 */
export interface UserError {
  code: string;
  message: string;
  field?: string[];
}

export function userError(code: string, message: string, field?: string[]): UserError {
  return field ? { code, message, field } : { code, message };
}
